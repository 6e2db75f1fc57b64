# Loaded by the moto_server that LocalAws starts (its PYTHONPATH points here; Python imports a
# sitecustomize module at startup). moto 5.x's SQS costs O(queue length) per message sent or handed
# out: its FIFO send and its receive's retention check read the queue's attributes, which moto
# rebuilds whole each time, approximate message counts included, each a scan of every message that
# asks the clock (through datetime arithmetic) once or twice per message. With 500 tenants queued
# that was ~20 ms a message sent and ~25 ms a message received, which made moto, not our workers,
# the ceiling of the scale benchmark. Two changes, same results:
#  - the retention check tests sent time + MessageRetentionPeriod against now on the queue's own
#    field instead of through get_queue_attributes;
#  - the SQS models read the clock with time.time(), the same seconds since the epoch that moto's
#    unix_time() computes from datetime.utcnow() (it only differs under freezegun, which the server
#    never uses).
# If moto changes shape, nothing is patched and moto runs as shipped.
import time

try:
    from moto.core import utils as _core_utils
    from moto.sqs import models as _sqs

    def _unix_time(dt=None):
        return time.time() if dt is None else _core_utils.unix_time(dt)

    def _unix_time_millis(dt=None):
        return _unix_time(dt) * 1000.0

    def _retained(self, queue_name, message):
        queue = self.get_queue(queue_name)
        return int(queue.message_retention_period) + message.sent_timestamp / 1000 > _unix_time()

    _expected = ("unix_time", "unix_time_millis")
    if all(hasattr(_sqs, name) for name in _expected) and hasattr(_sqs.SQSBackend, "is_message_valid_based_on_retention_period"):
        _sqs.unix_time = _unix_time
        _sqs.unix_time_millis = _unix_time_millis
        _sqs.SQSBackend.is_message_valid_based_on_retention_period = _retained
        print("gristmill: moto's SQS reads the clock directly and checks retention on the queue's field", flush=True)
    else:
        print("gristmill: moto's SQS is not shaped as expected; running it as shipped", flush=True)
except Exception as error:  # any moto layout we do not know: run it as shipped
    print("gristmill: moto left as shipped:", error, flush=True)
