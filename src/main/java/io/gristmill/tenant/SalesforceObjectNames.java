package io.gristmill.tenant;

import java.util.List;

/**
 * The Salesforce objects Gristmill reads, as the Salesforce feature declares them (one class per
 * object), so that settings left at "every object" list them without tenant importing that feature.
 */
public interface SalesforceObjectNames {
    List<String> supported();
}
