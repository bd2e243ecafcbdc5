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
        JournalEntry entry = new JournalEntry(new PostingRequest("order-1", null, Map.of(), List.of(
                new PostingRequest.Line("acc_a", Side.DEBIT, 100), new PostingRequest.Line("acc_b", Side.CREDIT, 100))),
                "USD", null, Instant.parse("2026-11-25T08:30:00Z"));
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
        JournalEntry entry = new JournalEntry(new PostingRequest("order-1", null, Map.of(), List.of(
                new PostingRequest.Line("acc_a", Side.DEBIT, 100), new PostingRequest.Line("acc_b", Side.CREDIT, 100))),
                "USD", null, Instant.parse("2026-11-25T08:30:00Z"));
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
}
