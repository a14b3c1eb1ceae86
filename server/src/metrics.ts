/** Upper bounds of the store latency histogram, in seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/** In-process counters rendered in the Prometheus text format (version 0.0.4). */
export class Metrics {
  readonly #requests = new Map<string, number>();
  #shares = 0;
  #untrustedForwarded = 0;
  readonly #upstream = new Map<string, number>();
  readonly #latency = new Map<string, { buckets: number[]; sum: number; count: number }>();
  /** Whether the store lost its data (1) or not (0), read when rendered. */
  storeDataLost: () => number = () => 0;

  /** Counts one answered request. */
  request(route: string, status: number): void {
    const key = `route="${route}",status="${status}"`;
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1);
  }

  /** Counts one share that raised a count. */
  shareRecorded(): void {
    this.#shares++;
  }

  /** Counts one POST whose `X-Forwarded-For` was ignored (no `--trust-proxy`); returns the total. */
  untrustedForwarded(): number {
    return ++this.#untrustedForwarded;
  }

  /** Counts one request to an upstream network and how it ended (`ok`, `timeout`, `rate_limited`, …). */
  upstreamRequest(network: string, outcome: string): void {
    const key = `network="${network}",outcome="${outcome}"`;
    this.#upstream.set(key, (this.#upstream.get(key) ?? 0) + 1);
  }

  /** Observes one store call of `seconds`. */
  storeLatency(op: string, seconds: number): void {
    let histogram = this.#latency.get(op);
    if (!histogram) this.#latency.set(op, (histogram = { buckets: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS.forEach((le, i) => {
      if (seconds <= le) histogram.buckets[i]!++;
    });
    histogram.sum += seconds;
    histogram.count++;
  }

  /** The exposition text. */
  render(): string {
    const lines = [
      '# HELP share_bar_http_requests_total HTTP requests answered, by route and status.',
      '# TYPE share_bar_http_requests_total counter',
      ...[...this.#requests].map(([labels, n]) => `share_bar_http_requests_total{${labels}} ${n}`),
      '# HELP share_bar_shares_recorded_total Shares that raised a count (after dedupe).',
      '# TYPE share_bar_shares_recorded_total counter',
      `share_bar_shares_recorded_total ${this.#shares}`,
      '# HELP share_bar_store_data_lost 1 when the store lost its data since this process started (a Redis that came back empty).',
      '# TYPE share_bar_store_data_lost gauge',
      `share_bar_store_data_lost ${this.storeDataLost()}`,
      '# HELP share_bar_untrusted_forwarded_requests_total POSTs carrying X-Forwarded-For while --trust-proxy is off.',
      '# TYPE share_bar_untrusted_forwarded_requests_total counter',
      `share_bar_untrusted_forwarded_requests_total ${this.#untrustedForwarded}`,
      '# HELP share_bar_upstream_requests_total Requests to networks publishing counts, by network and outcome.',
      '# TYPE share_bar_upstream_requests_total counter',
      ...[...this.#upstream].map(([labels, n]) => `share_bar_upstream_requests_total{${labels}} ${n}`),
      '# HELP share_bar_store_duration_seconds Latency of store calls, by operation.',
      '# TYPE share_bar_store_duration_seconds histogram',
    ];
    for (const [op, histogram] of this.#latency) {
      BUCKETS.forEach((le, i) =>
        lines.push(`share_bar_store_duration_seconds_bucket{op="${op}",le="${le}"} ${histogram.buckets[i]}`),
      );
      lines.push(`share_bar_store_duration_seconds_bucket{op="${op}",le="+Inf"} ${histogram.count}`);
      lines.push(`share_bar_store_duration_seconds_sum{op="${op}"} ${histogram.sum}`);
      lines.push(`share_bar_store_duration_seconds_count{op="${op}"} ${histogram.count}`);
    }
    return lines.join('\n') + '\n';
  }
}
