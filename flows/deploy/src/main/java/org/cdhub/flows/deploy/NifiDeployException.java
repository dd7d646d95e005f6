package org.cdhub.flows.deploy;

import static java.util.Objects.requireNonNull;

/** A deploy step NiFi refused (or that could not reach NiFi): names the step, the HTTP status (0 = no response) and NiFi's message. */
public final class NifiDeployException extends RuntimeException {
    private final String step;
    private final int status;
    private final String nifiMessage;

    public NifiDeployException(String step, int status, String nifiMessage) {
        this(step, status, nifiMessage, null);
    }

    public NifiDeployException(String step, int status, String nifiMessage, Throwable cause) {
        super("deploy step '" + requireNonNull(step, "step is null") + "' failed: "
                + (status == 0 ? "no HTTP response" : "HTTP " + status) + ": " + nifiMessage, cause);
        this.step = step;
        this.status = status;
        this.nifiMessage = nifiMessage;
    }

    public String step() { return step; }

    public int status() { return status; }

    public String nifiMessage() { return nifiMessage; }
}
