package dev.cutover.kit.validation;

import dev.cutover.contracts.money.SupportedCurrencies;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link SupportedCurrency} against the configured list (injected by Spring's validator factory). */
public final class SupportedCurrencyValidator implements ConstraintValidator<SupportedCurrency, String> {

    private final SupportedCurrencies currencies;

    public SupportedCurrencyValidator(SupportedCurrencies currencies) {
        this.currencies = currencies;
    }

    @Override
    public boolean isValid(String code, ConstraintValidatorContext context) {
        if (code == null || currencies.supports(code)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate("must be one of " + currencies.describe()).addConstraintViolation();
        return false;
    }
}
