package dev.cutover.kit.persistence;

import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

/**
 * An entity whose id is assigned in Java (a prefixed id, SPEC §1) before it is stored. Without this, a
 * repository cannot tell a new entity from a detached one by its id and merges it: one needless
 * {@code SELECT} before every {@code INSERT}. Constructed in Java it is new; once stored or loaded it is not.
 */
@MappedSuperclass
public abstract class AssignedId implements Persistable<String> {

    @Transient
    private boolean stored;

    /** The entity's id, assigned when it was created. */
    public abstract String id();

    @Override
    public String getId() {
        return id();
    }

    @Override
    public boolean isNew() {
        return !stored;
    }

    @PostLoad
    @PostPersist
    void markStored() {
        stored = true;
    }
}
