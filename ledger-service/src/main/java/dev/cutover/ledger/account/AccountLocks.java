package dev.cutover.ledger.account;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Locks the accounts a transaction posts to and writes back what it posted, one statement each however many
 * accounts and postings the transaction holds. Both run inside the caller's transaction.
 */
@Component
public class AccountLocks {

    private final JdbcClient jdbc;

    AccountLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks the accounts for update, always in id order, so transactions touching the same accounts queue
     * instead of deadlocking. Ids without an account are left out of the answer.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<String, LockedAccount> lockInIdOrder(SortedSet<String> ids) {
        Map<String, LockedAccount> locked = new HashMap<>();
        if (ids.isEmpty()) {
            return locked;
        }
        jdbc.sql("""
                SELECT id, currency, normal_balance, allow_negative, debits, credits
                  FROM accounts WHERE id = ANY(?) ORDER BY id FOR UPDATE""")
                .param(new SqlArrayValue("text", ids.toArray()))
                .query((rs, row) -> new LockedAccount(rs.getString(1), rs.getString(2),
                        new Totals(Side.fromWire(rs.getString(3)), rs.getBoolean(4), rs.getLong(5), rs.getLong(6))))
                .list()
                .forEach(account -> locked.put(account.id(), account));
        return locked;
    }

    /** Adds what was recorded on each account to its stored totals. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void writeBack(Collection<LockedAccount> accounts) {
        List<LockedAccount> changed = accounts.stream().filter(LockedAccount::changed).toList();
        if (changed.isEmpty()) {
            return;
        }
        jdbc.sql("""
                UPDATE accounts a SET debits = a.debits + v.debits, credits = a.credits + v.credits
                  FROM unnest(?, ?, ?) AS v (id, debits, credits)
                 WHERE a.id = v.id""")
                .params(new SqlArrayValue("text", changed.stream().map(LockedAccount::id).toArray()),
                        new SqlArrayValue("bigint", changed.stream().map(LockedAccount::addedDebits).toArray()),
                        new SqlArrayValue("bigint", changed.stream().map(LockedAccount::addedCredits).toArray()))
                .update();
    }
}
