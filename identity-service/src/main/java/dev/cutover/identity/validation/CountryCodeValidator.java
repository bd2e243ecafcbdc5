package dev.cutover.identity.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import java.util.Locale;
import java.util.Set;

/** Checks {@link CountryCode} against the JDK's list of ISO 3166-1 alpha-2 codes. */
public final class CountryCodeValidator implements ConstraintValidator<CountryCode, String> {

    private static final Set<String> CODES = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2);

    @Override
    public boolean isValid(String code, ConstraintValidatorContext context) {
        return code == null || CODES.contains(code);
    }

    public static boolean isCountryCode(String code) {
        return code != null && CODES.contains(code);
    }
}
