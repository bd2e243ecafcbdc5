package dev.cutover.contracts.money;

import java.util.Arrays;
import java.util.Collection;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The ISO 4217 currencies a deployment accepts. Codes are upper-case; anything else is rejected.
 *
 * @param codes the accepted codes, in configuration order
 */
public record SupportedCurrencies(Set<String> codes) {

    /** The list used when a deployment configures none. */
    public static final SupportedCurrencies DEFAULT = of("USD", "EUR", "GBP", "CHF", "JPY", "KWD");

    public SupportedCurrencies {
        if (codes == null || codes.isEmpty()) {
            throw new IllegalArgumentException("at least one currency must be supported");
        }
        for (String code : codes) {
            if (!isIsoCode(code)) {
                throw new IllegalArgumentException("not an upper-case ISO 4217 currency code: " + code);
            }
        }
        codes = Set.copyOf(new LinkedHashSet<>(codes));
    }

    public static SupportedCurrencies of(String... codes) {
        return new SupportedCurrencies(new LinkedHashSet<>(Arrays.asList(codes)));
    }

    public static SupportedCurrencies of(Collection<String> codes) {
        return new SupportedCurrencies(new LinkedHashSet<>(codes));
    }

    /** Whether {@code code} is exactly (case included) one of the supported codes. */
    public boolean supports(String code) {
        return code != null && codes.contains(code);
    }

    /** Digits after the decimal point of the currency's minor unit: 2 for USD, 0 for JPY, 3 for KWD. */
    public static int minorUnitDigits(String code) {
        return Currency.getInstance(code).getDefaultFractionDigits();
    }

    public String describe() {
        return codes.stream().sorted().collect(Collectors.joining(", "));
    }

    private static boolean isIsoCode(String code) {
        if (code == null || code.length() != 3 || !code.equals(code.toUpperCase(Locale.ROOT))) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException notIso) {
            return false;
        }
    }
}
