package dev.cutover.system;

import dev.cutover.testsupport.TestDatabase;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Payments is stopped gracefully (as a rolling restart does) while clients keep creating transactions:
 * every request is either answered 201 or not accepted (connection refused or closed unread, or an explicit
 * 503 that stored nothing); nothing was stored that the client was not told about; and every transaction
 * that was answered 201 exists and is processed once payments runs again.
 */
class GracefulShutdownIT {

    private static final Pattern ID = Pattern.compile("\"id\":\"(txn_[a-z0-9]+)\"");

    final Suite suite = Suite.get();
    final Api api = new Api(suite);

    @Test
    void aGracefulShutdownUnderLoadLosesNoAcceptedRequest() throws Exception {
        Api.User user = api.signUp();
        api.verify(user);
        api.pay(user, 321, "pm_test_visa_4242").then().statusCode(201);
        String body = "{\"amount\": 321, \"currency\": \"USD\", \"payment_method_id\": \"pm_test_visa_4242\"}";
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> unanswered = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> other = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopped = new AtomicBoolean();

        ExecutorService clients = Executors.newFixedThreadPool(6);
        for (int i = 0; i < 6; i++) {
            clients.submit(() -> {
                while (!stopped.get()) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + suite.paymentsPort() + "/api/v1/transactions"))
                            .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    // a connection per request: a request racing the server's close of an idle keep-alive
                    // connection would be ambiguous, and this test is about requests the server accepted
                    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(Duration.ofSeconds(2)).build()) {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        Matcher id = ID.matcher(response.body());
                        if (response.statusCode() == 201 && id.find()) {
                            accepted.add(id.group(1));
                        } else if (response.statusCode() == 503 && response.body().contains("\"code\":\"dependency_unavailable\"")) {
                            refused.add("503: refused, nothing stored"); // an explicit refusal is not an accepted request
                        } else {
                            other.add(response.statusCode() + " " + response.body());
                        }
                    } catch (ConnectException notAccepted) {
                        refused.add(notAccepted.toString());
                    } catch (IOException closedUnread) {
                        // The kernel queued the connection, then the stopping server closed it without reading
                        // it: unanswered, and — as the database check below proves — not processed either.
                        unanswered.add(closedUnread.toString());
                    } catch (InterruptedException failure) {
                        other.add(failure.toString());
                    }
                }
            });
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> accepted.size() >= 20);
        suite.stopPayments();
        int acceptedBeforeStop = accepted.size();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> refused.size() >= 12);
        stopped.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        suite.startPaymentsAgain();

        assertThat(other).as("every request was answered 201, refused, or closed unanswered").isEmpty();
        assertThat(unanswered).allSatisfy(failure -> assertThat(failure).contains("received no bytes"));
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(acceptedBeforeStop);
        JdbcClient payments = paymentsDatabase();
        List<String> ids = List.copyOf(accepted);
        assertThat(payments.sql("SELECT id FROM payments.transactions WHERE user_id = :user AND amount = 321 AND id NOT IN (:ids)")
                .param("user", user.id()).param("ids", ids).query(String.class).list())
                .as("the only transactions stored are those whose 201 reached the client (plus the warm-up)").hasSizeLessThanOrEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(payments.sql("SELECT count(*) FROM payments.transactions WHERE id IN (:ids) AND status = 'succeeded'")
                        .param("ids", ids).query(Long.class).single()).isEqualTo(ids.size()));
    }

    private JdbcClient paymentsDatabase() {
        TestDatabase db = suite.database();
        return JdbcClient.create(new DriverManagerDataSource(db.jdbcUrl(), "cutover_payments", "payments-local-only"));
    }
}
