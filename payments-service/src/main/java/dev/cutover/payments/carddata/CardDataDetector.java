package dev.cutover.payments.carddata;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds raw card data in a request body: a field named like a card number or security code anywhere in
 * the JSON, or a 13–19 digit Luhn-valid number — as a JSON number, or inside any string, with or
 * without spaces or dashes between the digits. Bodies that are not JSON are scanned as text.
 */
final class CardDataDetector {

    /** Field names compared without case, underscores, dashes or dots. */
    static final Set<String> FORBIDDEN_FIELDS = Set.of(
            "number", "cardnumber", "pan", "primaryaccountnumber", "accountnumber",
            "cvc", "cvv", "cvc2", "cvv2", "cid", "securitycode", "cardsecuritycode", "cardverificationcode",
            "track1", "track2", "trackdata", "magstripe");

    /** Digit runs of 13–19 digits, each digit optionally followed by one space or dash. */
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])");

    private static final JsonFactory JSON = new JsonFactory();

    private CardDataDetector() {
    }

    static boolean containsCardData(byte[] body) {
        if (body.length == 0) {
            return false;
        }
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.PROPERTY_NAME && FORBIDDEN_FIELDS.contains(normalise(parser.currentName()))) {
                    return true;
                }
                if ((token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                        || token == JsonToken.PROPERTY_NAME) && containsCardNumber(parser.getString())) {
                    return true;
                }
            }
            return false;
        } catch (JacksonException notJson) {
            // Malformed: the controller will refuse it, but card data in it must still not get that far.
            return containsCardNumber(new String(body, StandardCharsets.UTF_8));
        }
    }

    static boolean containsCardNumber(String text) {
        if (text == null || text.length() < 13) {
            return false;
        }
        Matcher runs = DIGIT_RUN.matcher(text);
        while (runs.find()) {
            if (Luhn.isValid(runs.group().replace(" ", "").replace("-", ""))) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
