// How GraphiQL talks to the hub: POST /graphql on this same origin, with the pasted token as
// "Authorization: Bearer". The schema is read anonymously (it is the same for everyone), so a bad
// token still leaves the docs usable while every operation shows the hub's UNAUTHENTICATED answer.
import type { Fetcher } from "@graphiql/toolkit";
import type { ExecutionResult } from "graphql";
import { documentIdOf } from "./document-id";

export const ENDPOINT = "/graphql";

export function hubFetcher(token: () => string): Fetcher {
  return async (params, options) => {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
    };
    for (const [name, value] of Object.entries(options?.headers ?? {})) {
      headers[name.toLowerCase()] = String(value);
    }
    const bearer = token();
    const introspection = params.operationName === "IntrospectionQuery";
    if (bearer && !introspection && !headers.authorization) {
      headers.authorization = `Bearer ${bearer}`;
    }
    const documentId = introspection
      ? null
      : await documentIdOf(params.query, params.operationName);
    let response: Response;
    try {
      response = await fetch(ENDPOINT, {
        method: "POST",
        headers,
        body: JSON.stringify(documentId ? { ...params, documentId } : params),
      });
    } catch {
      return {
        errors: [
          { message: "无法连接枢纽网关 / the hub's gateway cannot be reached; is it running?" },
        ],
      };
    }
    const text = await response.text();
    try {
      return JSON.parse(text) as ExecutionResult;
    } catch {
      return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 500)}` }] };
    }
  };
}
