package dev.cutover.contracts.money;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SupportedCurrenciesTest {

    @Test
    void theDefaultListIsTheSpecs() {
        assertThat(SupportedCurrencies.DEFAULT.codes()).containsExactlyInAnyOrder("USD", "EUR", "GBP", "CHF", "JPY", "KWD");
    }

    @Test
    void onlyExactUpperCaseCodesAreSupported() {
        assertThat(SupportedCurrencies.DEFAULT.supports("USD")).isTrue();
        assertThat(SupportedCurrencies.DEFAULT.supports("usd")).isFalse();
        assertThat(SupportedCurrencies.DEFAULT.supports("SEK")).isFalse();
        assertThat(SupportedCurrencies.DEFAULT.supports(null)).isFalse();
    }

    @Test
    void aConfigurationWithAnythingButIsoCodesIsRefused() {
        assertThatThrownBy(() -> SupportedCurrencies.of("USD", "usd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SupportedCurrencies.of("XYZ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SupportedCurrencies.of()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minorUnitsFollowIso4217() {
        assertThat(SupportedCurrencies.minorUnitDigits("USD")).isEqualTo(2);
        assertThat(SupportedCurrencies.minorUnitDigits("JPY")).isZero();
        assertThat(SupportedCurrencies.minorUnitDigits("KWD")).isEqualTo(3);
    }

    @Test
    void amountsAreBoundedIntegers() {
        assertThat(Amounts.isValid(0)).isFalse();
        assertThat(Amounts.isValid(1)).isTrue();
        assertThat(Amounts.isValid(99_999_999_999L)).isTrue();
        assertThat(Amounts.isValid(100_000_000_000L)).isFalse();
        assertThat(Amounts.isValid(-1)).isFalse();
    }
}
