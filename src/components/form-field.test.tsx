import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";

import { FormField } from "./form-field";

/** The markup as a DOM-free lookup: the attributes of the first element with this tag. */
function attributesOf(html: string, tag: string): Record<string, string> {
  const element = new RegExp(`<${tag}\\b([^>]*)>`).exec(html)?.[1];
  if (element === undefined) throw new Error(`no <${tag}> in ${html}`);
  return Object.fromEntries([...element.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!]));
}

describe("FormField", () => {
  it("labels an input and ties its error and hint to it", () => {
    const html = renderToStaticMarkup(
      <FormField name="image" label="Image URL" type="url" hint="An https:// link." error="Not a link." />,
    );
    expect(attributesOf(html, "label")).toMatchObject({ for: "image" });
    expect(attributesOf(html, "input")).toMatchObject({
      id: "image",
      name: "image",
      type: "url",
      "aria-invalid": "true",
      "aria-describedby": "image-error image-hint",
    });
    expect(html).toContain('<p id="image-error"');
    expect(html).toContain('<p id="image-hint"');
  });

  it("renders a text area with the same wiring when multiline, and passes its own attributes through", () => {
    const html = renderToStaticMarkup(
      <FormField multiline name="bio" label="Bio" rows={4} maxLength={500} hint="A few lines." defaultValue="Hello" />,
    );
    expect(html).not.toContain("<input");
    expect(attributesOf(html, "textarea")).toMatchObject({
      id: "bio",
      name: "bio",
      rows: "4",
      maxLength: "500",
      "aria-describedby": "bio-hint",
    });
    expect(attributesOf(html, "textarea")).not.toHaveProperty("aria-invalid");
    expect(attributesOf(html, "textarea")).not.toHaveProperty("multiline");
    expect(html).toContain(">Hello</textarea>");
  });

  it("describes nothing when there is nothing to say", () => {
    const input = attributesOf(
      renderToStaticMarkup(<FormField name="email" label="Email" id="login-email" />),
      "input",
    );
    expect(input).toMatchObject({ id: "login-email", name: "email" });
    expect(input).not.toHaveProperty("aria-describedby");
  });
});
