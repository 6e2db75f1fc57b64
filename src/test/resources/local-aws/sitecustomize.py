# Loaded by the moto_server that LocalAws starts (its PYTHONPATH points here; Python imports a
# sitecustomize module at startup). It replaces one step of moto's SQS ReceiveMessage that costs
# O(queue length) per message handed out: moto 5.x checks each message's retention period through
# get_queue_attributes, which rebuilds every attribute of the queue, approximate message counts
# included (each a scan of all its messages), three times. With 500 tenants queued that is ~25 ms
# a message, which made moto, not our workers, the ceiling of the scale benchmark. The check below
# is the same test (sent time + MessageRetentionPeriod after now) on the queue's own field. If moto
# changes shape, nothing is patched and moto runs as shipped.
import time

try:
    from moto.sqs.models import SQSBackend

    def _retained(self, queue_name, message):
        queue = self.get_queue(queue_name)
        return int(queue.message_retention_period) + message.sent_timestamp / 1000 > time.time()

    if hasattr(SQSBackend, "is_message_valid_based_on_retention_period"):
        SQSBackend.is_message_valid_based_on_retention_period = _retained
        print("gristmill: moto's SQS retention check reads the queue's field (O(1) a message)", flush=True)
    else:
        print("gristmill: moto's SQS has no retention check to replace; running it as shipped", flush=True)
except Exception as error:  # any moto layout we do not know: run it as shipped
    print("gristmill: moto left as shipped:", error, flush=True)
