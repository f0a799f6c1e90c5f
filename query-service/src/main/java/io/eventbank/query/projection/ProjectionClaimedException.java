package io.eventbank.query.projection;

/** A replay refused because another instance still holds segments of the processor; answered 409. */
public class ProjectionClaimedException extends RuntimeException {

    ProjectionClaimedException(String processor, Throwable cause) {
        super("another instance holds segments of '" + processor + "'; stop the processor on every instance, "
              + "or wait for their claims to expire, then replay again", cause);
    }
}
