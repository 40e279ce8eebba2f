// The settings of issue 31: TRUSTED_DOCUMENTS by environment, and tracing from the OpenTelemetry
// SDK's own variables (off unless an endpoint is set), every problem reported.
import { Problems } from "../../runtime/config/read";
import { tracingSection } from "../../runtime/config/tracing";
import { trustedDocumentsSection } from "../../runtime/config/trusted-documents";
import { startTracing, TRACING_OFF } from "../../runtime/tracing";

const parse = <T>(section: (env: Record<string, string>, problems: Problems) => T) => {
  return (env: Record<string, string>) => {
    const problems = new Problems();
    return { value: section(env, problems), problems: problems.list };
  };
};

describe("TRUSTED_DOCUMENTS", () => {
  it("is anonymous in production and log in development unless set", () => {
    expect(trustedDocumentsSection({}, new Problems(), true).mode).toBe("anonymous");
    expect(trustedDocumentsSection({}, new Problems(), false).mode).toBe("log");
    const problems = new Problems();
    expect(trustedDocumentsSection({ TRUSTED_DOCUMENTS: "all" }, problems, false).mode).toBe("all");
    trustedDocumentsSection({ TRUSTED_DOCUMENTS: "strict" }, problems, true);
    expect(problems.list).toEqual([
      "TRUSTED_DOCUMENTS=strict must be one of off, log, anonymous, all",
    ]);
  });
});

describe("tracing settings", () => {
  const tracing = parse(tracingSection);

  it("is off without an endpoint, and nothing is started", () => {
    const { value, problems } = tracing({});
    expect(value.tracesUrl).toBeNull();
    expect(problems).toEqual([]);
    expect(startTracing(value, "hub-test")).toBe(TRACING_OFF);
  });

  it("sends to <endpoint>/v1/traces, or to the traces endpoint as given", () => {
    expect(tracing({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" }).value.tracesUrl).toBe(
      "http://collector:4318/v1/traces",
    );
    expect(
      tracing({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://vendor.example/otlp/traces",
      }).value.tracesUrl,
    ).toBe("https://vendor.example/otlp/traces");
  });

  it("reads the SDK's variables: headers, service name, sampler, batch, and the off switches", () => {
    const { value, problems } = tracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
      OTEL_EXPORTER_OTLP_HEADERS: "api-key=abc%3D%3D,X-Team=hub",
      OTEL_SERVICE_NAME: "hub-prod",
      OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
      OTEL_TRACES_SAMPLER_ARG: "0.25",
      OTEL_BSP_SCHEDULE_DELAY: "1000",
    });
    expect(problems).toEqual([]);
    expect(value).toMatchObject({
      headers: { "api-key": "abc==", "x-team": "hub" },
      serviceName: "hub-prod",
      sampler: "parentbased_traceidratio",
      samplerRatio: 0.25,
      batch: { delayMs: 1000, maxQueueSize: 2048, maxExportBatchSize: 512 },
    });
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" };
    expect(tracing({ ...endpoint, OTEL_SDK_DISABLED: "true" }).value.tracesUrl).toBeNull();
    expect(tracing({ ...endpoint, OTEL_TRACES_EXPORTER: "none" }).value.tracesUrl).toBeNull();
  });

  it("reports every problem together", () => {
    const { problems } = tracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
      OTEL_TRACES_SAMPLER_ARG: "2",
      OTEL_EXPORTER_OTLP_HEADERS: "novalue",
    });
    expect(problems).toHaveLength(4);
    for (const words of [/http\(s\) URL/, /http\/json/, /key=value/, /ratio from 0 to 1/])
      expect(problems.some((p) => words.test(p))).toBe(true);
  });
});
