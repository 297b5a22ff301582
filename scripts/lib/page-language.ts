// Which language and which revision of the English page a page is. Adobe's translations carry
// the English revision they were made from as `source-git-commit`, but not their language: that
// is in the front matter only when someone adds it, and otherwise in the locale of the
// repository or file name the page is published or saved under (`experience-platform.fr-FR/…`,
// `ja-JP.md`, `fr-FR_066859bc.md`).

const TAG = "[a-z]{2}(?:-(?:[A-Z]{2}|Hans|Hant))?";
const REPOSITORY_HINT = new RegExp(`experience-platform\\.(${TAG})(?=[/_.]|$)`);
const FILE_NAME_HINT = new RegExp(`(?:^|[/\\\\])(${TAG})(?=[_.][^/\\\\]*$)`);

/** `fr-FR` → `fr`; Chinese keeps its script, since zh-Hans and zh-Hant are different pages. */
function primaryLanguage(tag: string): string {
  const [language, second] = tag.toLowerCase().split(/[-_]/);
  return language === "zh" && (second === "hans" || second === "hant") ? `zh-H${second.slice(1)}` : language!;
}

export function pageLanguage(frontMatter: Record<string, string>, file: string): string | null {
  const declared = frontMatter.lang ?? frontMatter.language ?? frontMatter.locale;
  if (declared) return primaryLanguage(declared);
  const hint = REPOSITORY_HINT.exec(file) ?? FILE_NAME_HINT.exec(file);
  return hint ? primaryLanguage(hint[1]!) : null;
}

/** The first 8 characters of `source-git-commit`, as the decision log names revisions. */
export function pageRevision(frontMatter: Record<string, string>): string | null {
  return frontMatter["source-git-commit"]?.slice(0, 8) ?? null;
}
