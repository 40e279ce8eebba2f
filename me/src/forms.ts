// The page's forms: labelled fields, a message of their own (role=alert) and a submit button
// that is disabled while the request runs; on success the view loads again.
import { PageError } from "./api";
import type { ViewContext } from "./context";
import { h } from "./dom";

/** A labelled field: the label's `for` names the control, a hint is its description. */
export function field(id: string, label: string, control: HTMLElement, hint?: string) {
  control.id = id;
  if (hint) control.setAttribute("aria-describedby", `${id}-hint`);
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    control,
    hint ? h("small", { id: `${id}-hint` }, hint) : null,
  );
}

/**
 * A form that sends `submit(form)` and then reloads the view with focus on `focusId`; a refusal
 * stays on the form, in its own alert, with what the user typed kept.
 */
export function actionForm(
  context: ViewContext,
  options: { id: string; label: string; button: string; done: string; focusId?: string },
  fields: HTMLElement[],
  submit: (form: HTMLFormElement) => Promise<unknown>,
) {
  const problem = h("p", { class: "form-problem", role: "alert", hidden: true });
  const button = h("button", { type: "submit", class: "primary" }, options.button);
  const form = h(
    "form",
    { id: options.id, "aria-label": options.label },
    ...fields,
    problem,
    button,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    problem.hidden = true;
    button.disabled = true;
    submit(form).then(
      async () => {
        context.announce(options.done);
        context.say(options.done, "info");
        await context.reload(options.focusId);
      },
      (error: unknown) => {
        button.disabled = false;
        problem.textContent = error instanceof PageError ? error.message : "提交失败，请稍后重试。";
        problem.hidden = false;
        problem.focus();
      },
    );
  });
  problem.tabIndex = -1;
  return form;
}

export const valueOf = (form: HTMLFormElement, name: string) =>
  (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ??
  "";
