// The trusted document id of what GraphiQL sends (runtime/trusted-documents/): the sha256 of the
// chosen operation, normalised as the hub's manifest normalises it. Sent beside the text, it lets
// an unchanged example run where the hub runs only its own documents for callers without a token;
// an edited one is unknown to the manifest and judged as a text. Null where the browser has no
// Web Crypto (a page served over plain HTTP from another host) or the text does not parse.
import { normaliseOperations } from "../../runtime/trusted-documents/normalise";

export async function documentIdOf(query: string, operationName?: string | null) {
  const digest = globalThis.crypto?.subtle;
  if (!digest) return null;
  try {
    const chosen = normaliseOperations(query).filter(
      (o) => !operationName || o.name === operationName,
    );
    if (chosen.length !== 1) return null;
    const hash = await digest.digest("SHA-256", new TextEncoder().encode(chosen[0].body));
    return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, "0")).join("");
  } catch {
    return null;
  }
}
