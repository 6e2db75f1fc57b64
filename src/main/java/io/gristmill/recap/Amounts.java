package io.gristmill.recap;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Amounts as recaps print them: grouped thousands, no more than two decimals, with their currency's ISO code when it is known. */
final class Amounts {
    private Amounts() {
    }

    /** "EUR 90,000"; without a known currency, the number alone. */
    static String format(BigDecimal amount, String currency) {
        return currency == null ? format(amount) : currency + " " + format(amount);
    }

    static String format(BigDecimal amount) {
        DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return format.format(amount.setScale(2, RoundingMode.HALF_UP));
    }
}
