// The Atom feed of published stories (gateway/routes/feed.ts): how its ids and links are made.
import { value, type Env, type Problems } from "./read";

export interface FeedConfig {
  /**
   * The authority of the feed's tag URIs (RFC 4151): a domain the office controls and a date it
   * did, e.g. "sme.sz.gov.cn,2025". Entry ids are tag:<authority>:story/<id>; readers recognise a
   * story by its id, so set it once and never change it.
   */
  tagAuthority: string;
  /** The public page of a story, "{id}" standing for its id; null: the feed itself, #story-<id>. */
  storyUrl: string | null;
}

const AUTHORITY =
  /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*,\d{4}(-\d{2}(-\d{2})?)?$/;

export function feedSection(env: Env, problems: Problems): FeedConfig {
  const tagAuthority = value(env, "FEED_TAG_AUTHORITY") ?? "sme-volunteer-hub.localhost,2025";
  if (!AUTHORITY.test(tagAuthority))
    problems.add(
      `FEED_TAG_AUTHORITY=${tagAuthority} must be a lower-case domain name, a comma and a date, e.g. sme.sz.gov.cn,2025`,
    );
  const storyUrl = value(env, "FEED_STORY_URL") ?? null;
  if (storyUrl && (!/^https?:\/\/[^\s]+$/.test(storyUrl) || !storyUrl.includes("{id}")))
    problems.add(
      `FEED_STORY_URL=${storyUrl} must be an http(s) URL containing {id}, e.g. https://sme.sz.gov.cn/cases/{id}`,
    );
  return { tagAuthority, storyUrl };
}
