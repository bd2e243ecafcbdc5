package dev.cutover.ledger.entry;

import dev.cutover.ledger.account.Side;
import dev.cutover.ledger.config.LedgerSecurity;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The web layer alone: how entries are read from and written to HTTP, with the use cases stubbed. */
@WebMvcTest(EntryController.class)
@Import(LedgerSecurity.class)
class EntryControllerSliceTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    Posting posting;

    @MockitoBean
    Journal journal;

    @MockitoBean
    JwtDecoder jwtDecoder;

    private static final String BODY = """
            {"reference": "order-1", "lines": [{"account_id": "acc_a", "direction": "debit", "amount": 100},
             {"account_id": "acc_b", "direction": "credit", "amount": 100}]}""";

    @Test
    void aPostedEntryIsWrittenInSnakeCaseWithMillisecondTimes() throws Exception {
        JournalEntry entry = entry("order-1");
        given(posting.post(any())).willReturn(new Posting.Posted(entry, false));

        mvc.perform(post("/api/v1/entries").with(jwt().authorities(() -> "SCOPE_service"))
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Idempotent-Replayed"))
                .andExpect(jsonPath("$.reference").value("order-1"))
                .andExpect(jsonPath("$.lines[0].account_id").value("acc_a"))
                .andExpect(jsonPath("$.lines[1].direction").value("credit"))
                .andExpect(jsonPath("$.posted_at").value("2026-11-25T08:30:00.000Z"))
                .andExpect(jsonPath("$.reversal_of").isEmpty())
                .andExpect(jsonPath("$.description").isEmpty())
                .andExpect(jsonPath("$.metadata").isMap());
    }

    @Test
    void aReplayIsMarked() throws Exception {
        JournalEntry entry = entry("order-1");
        given(posting.post(any())).willReturn(new Posting.Posted(entry, true));

        mvc.perform(post("/api/v1/entries").with(jwt().authorities(() -> "SCOPE_ops"))
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isCreated())
                .andExpect(header().string("Idempotent-Replayed", "true"));
    }

    @Test
    void aUserTokenIsForbiddenBeforeAnythingIsPosted() throws Exception {
        mvc.perform(post("/api/v1/entries").with(jwt().authorities(() -> "SCOPE_user"))
                        .contentType(MediaType.APPLICATION_JSON).content(BODY))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("forbidden"));
        verifyNoInteractions(posting);
    }

    @Test
    void aMalformedBodyNamesTheFieldWithoutEchoingTheValue() throws Exception {
        mvc.perform(post("/api/v1/entries").with(jwt().authorities(() -> "SCOPE_service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(BODY.replace("\"amount\": 100}", "\"amount\": \"4242424242424242\"}")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("lines[0].amount"))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("4242424242424242"))));
        verifyNoInteractions(posting);
    }

    @Test
    void aBatchAnswersEachEntryWithItsStatusAndEntryOrProblem() throws Exception {
        given(posting.postAll(any())).willReturn(List.of(
                new Posting.Posted(entry("order-1"), false),
                new JournalWriter.Refused(new EntryFacts.InsufficientFunds("acc_a")),
                new Posting.Posted(entry("order-3"), true)));

        mvc.perform(post("/internal/v1/entries/batch").with(jwt().authorities(() -> "SCOPE_service"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"entries\": [" + BODY + ", " + BODY + ", " + BODY + "]}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.length()").value(3))
                .andExpect(jsonPath("$.data[0].status").value(201))
                .andExpect(jsonPath("$.data[0].replayed").value(false))
                .andExpect(jsonPath("$.data[0].entry.reference").value("order-1"))
                .andExpect(jsonPath("$.data[0].problem").isEmpty())
                .andExpect(jsonPath("$.data[1].status").value(422))
                .andExpect(jsonPath("$.data[1].entry").isEmpty())
                .andExpect(jsonPath("$.data[1].problem.code").value("insufficient_funds"))
                .andExpect(jsonPath("$.data[1].problem.status").value(422))
                .andExpect(jsonPath("$.data[1].problem.type").isString())
                .andExpect(jsonPath("$.data[1].problem.account_id").value("acc_a"))
                .andExpect(jsonPath("$.data[2].replayed").value(true));
    }

    @Test
    void aBatchIsForServicesOnly() throws Exception {
        mvc.perform(post("/internal/v1/entries/batch").with(jwt().authorities(() -> "SCOPE_ops"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"entries\": [" + BODY + "]}"))
                .andExpect(status().isForbidden());
        verifyNoInteractions(posting);
    }

    @Test
    void anInvalidEntryInABatchRefusesTheWholeBatchNamingItsPath() throws Exception {
        mvc.perform(post("/internal/v1/entries/batch").with(jwt().authorities(() -> "SCOPE_service"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"entries\": [" + BODY + ", " + BODY.replace("\"amount\": 100}", "\"amount\": 0}") + "]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"))
                .andExpect(jsonPath("$.errors[0].field").value("entries[1].lines[0].amount"));
        verifyNoInteractions(posting);
    }

    @Test
    void anEmptyBatchIsRefused() throws Exception {
        mvc.perform(post("/internal/v1/entries/batch").with(jwt().authorities(() -> "SCOPE_service"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"entries\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("entries"));
        verifyNoInteractions(posting);
    }

    private static JournalEntry entry(String reference) {
        PostingRequest request = new PostingRequest(reference, null, Map.of(), List.of(
                new PostingRequest.Line("acc_a", Side.DEBIT, 100), new PostingRequest.Line("acc_b", Side.CREDIT, 100)));
        return new JournalEntry(request, request.fingerprint(), "USD", null, Instant.parse("2026-11-25T08:30:00Z"));
    }
}
