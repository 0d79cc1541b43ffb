package io.slb.journal;

/**
 * JournalOptions tunes a {@link Journal}.
 *
 * @param snapshotEvery events between snapshots; replay after a restart reads at most about this
 *     many records, so restart time stays flat as history grows
 * @param historyLimit how many of the replayed events {@link Journal#recoveredTail()} keeps (for SSE resume)
 * @throws IllegalArgumentException if {@code snapshotEvery < 1} or {@code historyLimit < 0}
 */
public record JournalOptions(int snapshotEvery, int historyLimit) {
    /**
     * Defaults: a snapshot every 10,000 events (a few MB of segment to replay at start) and a
     * history of the same size, so an SSE client can resume across any gap shorter than a snapshot.
     */
    public static final JournalOptions DEFAULTS = new JournalOptions(10_000, 10_000);

    public JournalOptions {
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("snapshotEvery: " + snapshotEvery + " (expected: >= 1)");
        }
        if (historyLimit < 0) {
            throw new IllegalArgumentException("historyLimit: " + historyLimit + " (expected: >= 0)");
        }
    }
}
