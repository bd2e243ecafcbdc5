package dev.cutover.identity.user;

import org.hibernate.exception.ConstraintViolationException;

/** Tells which database constraint a refused write hit, without reading (and risking to log) its message. */
final class ConstraintNames {

    private ConstraintNames() {
    }

    static boolean violated(Throwable failure, String constraint) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation && constraint.equalsIgnoreCase(violation.getConstraintName())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
