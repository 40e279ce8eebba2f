// Which operation of a document to run is the client's choice: an operationName that names none
// of them, or several operations and no name, is the client's mistake. Subgraphs answer it 400
// OPERATION_RESOLUTION_FAILURE; the gateway's executor threw instead, which came out as 500
// INTERNAL_SERVER_ERROR. This answers it before the executor is asked, like a subgraph would.
import type { ApolloServerPlugin } from "@apollo/server";
import { Kind } from "graphql";
import { graphQLError } from "../../runtime/errors";
import type { GatewayContext } from "../context";

export function operationResolutionPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation) return;
          const names = document.definitions.flatMap((d) =>
            d.kind === Kind.OPERATION_DEFINITION ? [d.name?.value ?? "(anonymous)"] : [],
          );
          const wanted = request.operationName;
          const message = !names.length
            ? "the document holds no operation; send a query or a mutation"
            : !wanted
              ? `the document has several operations (${names.join(", ")}); say which to run in operationName`
              : names.length === 1 && names[0] === "(anonymous)"
                ? `the document has no operation named "${wanted}"; its only operation is anonymous, so leave operationName out`
                : `the document has no operation named "${wanted}"; it has ${names.join(", ")}`;
          throw graphQLError("OPERATION_RESOLUTION_FAILURE", message, { http: true });
        },
      };
    },
  };
}
