package dev.cutover.payments.carddata;

/** The Luhn (mod 10) check every card number satisfies. */
final class Luhn {

    private Luhn() {
    }

    static boolean isValid(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return false;
            }
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return digits.length() > 0 && sum % 10 == 0;
    }
}
