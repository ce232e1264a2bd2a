// Labels: the UI's own strings in Japanese and English, and the vocabulary
// labels (types, projects, disease areas, ...) from GET /api/vocab, so the
// codes and their names come from the same table the server validates with.

const STRINGS = {
  ja: {
    "nav.search": "検索", "nav.crosslinks": "クロス集計", "nav.indicators": "成果指標", "nav.pairing": "導出・後継計画", "nav.alerts": "保存・通知",
    "saved.save": "この検索を保存", "saved.saved": "保存しました", "saved.watch": "ウォッチする",
    "saved.watching": "ウォッチ中", "saved.all": "すべての記録", "saved.delete": "削除",
    "saved.needToken": "保存とウォッチにはアクセストークンが必要です", "saved.title": "保存した検索とウォッチ",
    "saved.help": "検索結果の「この検索を保存」、記録ページの「ウォッチする」で追加できます。前回確認した後に追加・更新された記録をここに表示します。",
    "saved.kindSearch": "保存検索", "saved.kindWatch": "ウォッチ", "saved.new": "新着 {n} 件",
    "saved.nothingNew": "新着なし", "saved.changed": "追加・更新", "saved.rel": "新しいリンク（{rel}）",
    "alerts.unread": "未読 {n} 件", "alerts.none": "新着はありません", "alerts.markSeen": "すべて既読にする",
    "alerts.atom": "Atom フィード",
    "search.placeholder": "キーワード（例: 脊髄性筋萎縮症 遺伝子治療）", "search.label": "検索語",
    "search.sort": "並び順", "search.button": "検索",
    "sort.relevance": "関連度順", "sort.newest": "新しい順", "sort.oldest": "古い順",
    "token.summary": "アクセストークン", "token.placeholder": "Bearer トークン",
    "role.public": "一般", "role.officer": "職員", "role.admin": "管理者", "role.invalid": "無効",
    "role.label": "現在の権限: {role}", "role.prefix": "現在の権限: ",
    "token.hint": "職員・管理者向け。ブラウザ内（localStorage）にのみ保存されます。",
    "facets.label": "絞り込み", "facets.toggle": "絞り込み", "menu.toggle": "メニュー", "nav.label": "画面", "facet.type": "種別", "facet.project": "統合プロジェクト",
    "facet.disease_area": "疾患領域", "facet.modality": "モダリティ", "facet.stage": "開発段階", "facet.year": "年",
    "status.searching": "検索中…", "status.loading": "読み込み中…", "status.results": "{n} 件",
    "status.range": "（{a}〜{b} 件目）", "status.none": "該当する記録はありません",
    "status.about": "約 ", "suggest.offer": "もしかして: ", "suggest.used": "次の語の検索結果を表示しています: ",
    "expansion.includes": ": ", "expansion.tail": " を含む", "expansion.drop": "この語を検索から外す",
    "expansion.restore": "この語を検索に戻す", "expansion.label": "検索語の展開",
    "partial.notice": "すべての語を含む記録はありません。多くの語を含む記録を表示しています（部分一致）。",
    "partial.missing": "含まない語: ",
    "ind.notloaded": "次の指標の根拠となる成果データが読み込まれていません（0 ではなく「データなし」です）。読み込むデータ:",
    "match.weak": "弱い根拠", "match.weak.title": "業種コードだけが合う候補（関連する記録はありません）",
    "error.connect": "サーバーに接続できません", "error.token": "アクセストークンが無効です",
    "pager.prev": "← 前へ", "pager.next": "次へ →", "pager.page": "{p} / {n} ページ",
    "export.label": "{n} 件すべてを書き出す:", "export.csv": "CSV（Excel 用）", "export.jsonl": "JSON Lines",
    "export.busy": "{n} 件を書き出しています…", "export.done": "{n} 件を書き出しました",
    "chip.remove": "解除", "untitled": "（無題）", "back": "← 戻る",
    "error.title": "表示できませんでした", "error.text": "この画面を表示できませんでした。条件を変えるか、しばらくしてからもう一度お試しください。",
    "error.notfound.title": "記録が見つかりません",
    "error.notfound.text": "ID「{id}」の記録はありません（削除されたか、現在のアクセストークンでは閲覧できない記録です）。",
    "error.tosearch": "検索へ",
    "error.unavailable.title": "一時的に表示できません",
    "error.unavailable.text": "サーバーが今は答えられません（理由は下）。不完全な結果は表示しません。しばらくしてから再読み込みしてください。続く場合は管理者に連絡してください。",
    "error.reload": "再読み込み",
    "reason.this": "この記録", "reason.related": "類似", "rel.sponsor": "治験依頼者", "reason.that": "候補", "more.n": "ほか {n} 件",
    "home.title": "研究シーズ検索", "home.lead": "研究開発課題・論文・特許・臨床試験・疾患・機関・企業など {n} 件の記録を、日本語でも英語でも横断して検索できます。",
    "home.heat": "疾患領域 × 種別", "home.moreheat": "クロス集計で他の組み合わせを見る →",
    "home.recent": "新しい記録", "home.norecent": "記録はありません", "skip": "本文へ移動", "search.title": "検索結果", "search.titleq": "「{q}」の検索結果",
    "pager.beyond": "{p} ページ目はありません（全 {n} ページ）。", "pager.last": "最後のページへ", "pager.label": "ページ",
    "field.id": "ID", "field.date": "日付", "field.keywords": "キーワード", "field.identifiers": "識別子",
    "field.visibility": "公開範囲",
    "links.title": "リンク", "links.in": "被参照", "links.none": "リンクはありません", "links.other": "その他",
    "graph.empty": "この記録にはリンクがないため、グラフはありません。", "graph.all": "すべて表示（最大150）",
    "graph.aria": "近傍グラフ: ノード {n} 個、リンク {m} 本", "graph.dangling": "未収録の記録",
    "grant.title": "研究開発課題の概要", "grant.programme": "事業・制度", "grant.funder": "配分機関", "grant.period": "期間",
    "grant.pi": "研究代表者", "grant.institution": "研究機関", "grant.number": "課題番号", "grant.none": "出典データに記載なし",
    "grant.fy": "{y} 年度", "grant.from": "{y} 年度開始", "grant.jsps": "日本学術振興会（科研費）",
    "graph.title": "周辺グラフ", "graph.depth": "深さ", "graph.truncated": "表示件数の上限で一部を省略しています",
    "graph.hint": "ノードをクリックすると記録を開きます",
    "related.title": "関連シーズ", "related.across": "観点", "related.any": "すべて",
    "related.across.modality": "別モダリティ", "related.across.disease_area": "別疾患領域",
    "related.across.project": "別プロジェクト", "related.type": "種別", "related.anytype": "すべての種別",
    "related.none": "関連する記録は見つかりませんでした",
    "reason.terms": "共通語", "reason.disease_areas": "共通疾患領域", "reason.modalities": "共通モダリティ",
    "reason.nodes": "共通ノード", "reason.path": "経路", "reason.scores": "スコア",
    "score.text": "テキスト", "score.graph": "グラフ", "score.vocab": "語彙",
    "match.title": "導出先候補企業", "match.seeds": "この企業への候補シーズ", "match.none": "候補は見つかりませんでした",
    "match.open": "企業マッチングを開く", "match.for": "{t} の導出先候補企業", "match.seedsfor": "{t} への候補シーズ",
    "match.evidence": "根拠",
    "match.names": "別名", "match.similarity": "類似度", "profile.title": "企業プロフィール（根拠の記録から）", "profile.recent": "最近",
    "profile.parents": "親組織", "profile.subsidiaries": "子会社・傘下", "profile.classes": "薬効分類",
    "x.title": "クロス集計", "x.rows": "行", "x.cols": "列", "x.swap": "⇄ 入れ替え", "x.total": "計",
    "x.hint": "セルの数字をクリックするとその条件で検索、⤓ でその記録を CSV に書き出します", "x.filters": "条件",
    "x.missing.col": "{n} 件は{dim}未設定", "x.missing.row": "{n} 件は{dim}未設定",
    "x.missing.both": "うち {n} 件はどちらも未設定",
    "x.missing.note": "未設定の記録はどのセルにも入りませんが、もう一方の項目があればその行・列の計には数えます",
    "ind.title": "成果指標", "ind.by": "集計単位", "ind.key": "区分",
    "ind.licensed_to": "企業への導出", "ind.registered_as": "治験到達", "ind.continued_as": "次段階への継続",
    "ind.top1pct": "Top1%論文", "ind.total": "合計", "ind.drill": "{what}（{key}）の記録",
    "ind.none": "該当する記録はありません",
    "ind.more": "さらに表示", "ind.shown": "{count} 件の根拠となる記録 {n} 件のうち {shown} 件を表示",
    "x.export": "{what} の {n} 件を CSV で書き出す", "ind.unassigned": "{dim}未設定",
    "pair.title": "導出・後継計画", "pair.months": "終了時期", "pair.within": "{m}か月以内",
    "pair.lead": "今後{m}か月以内に終了する基礎・応用研究課題と、その次段階の課題・導出先候補企業",
    "pair.fromdata": "データの最新の終了日（{d}）に合わせた基準日です",
    "pair.asof": "基準日 {d}", "pair.end": "終了 {d}", "pair.estimated": "推定",
    "pair.estimated.hint": "終了日の記載がないため、開始日から推定しています",
    "pair.next": "次段階の課題", "pair.companies": "導出先候補企業",
    "pair.next.none": "次段階の候補は見つかりませんでした", "pair.companies.none": "候補企業は見つかりませんでした",
    "pair.known.outcome": "後継課題（成果記録）", "pair.known.link": "後継課題（リンク）",
    "pair.nothing": "次段階の課題・候補企業は見つかりませんでした",
    "pair.none": "基準日 {d} から{m}か月以内に終了する課題はありません", "pair.count": "{n} 課題", "pair.capped": "（上限件数まで表示）",
    "pair.all": "すべて",
    "pair.none.topics": "この条件（{f}）に該当する基礎・応用段階の医療研究課題はありません",
    "pair.none.counts": "該当する基礎・応用段階の課題 {n} 件: 基準日より前に終了 {a} 件、{m}か月より後に終了 {b} 件、終了時期不明 {c} 件",
    "pair.none.stage": "ほかに {n} 件の課題は開発段階が基礎・応用でない（または未設定の）ため対象外です",
  },
  en: {
    "nav.search": "Search", "nav.crosslinks": "Cross-links", "nav.indicators": "Indicators", "nav.pairing": "Pairing", "nav.alerts": "Saved & alerts",
    "saved.save": "Save this search", "saved.saved": "Saved", "saved.watch": "Watch",
    "saved.watching": "Watching", "saved.all": "All records", "saved.delete": "Delete",
    "saved.needToken": "Saving and watching need an access token", "saved.title": "Saved searches and watches",
    "saved.help": "Add them with \"Save this search\" on search results and \"Watch\" on a record page. Records added or changed since you last looked show here.",
    "saved.kindSearch": "Search", "saved.kindWatch": "Watch", "saved.new": "{n} new",
    "saved.nothingNew": "nothing new", "saved.changed": "added or changed", "saved.rel": "new link ({rel})",
    "alerts.unread": "{n} unread", "alerts.none": "Nothing new", "alerts.markSeen": "Mark all as read",
    "alerts.atom": "Atom feed",
    "search.placeholder": "Keywords (e.g. spinal muscular atrophy gene therapy)", "search.label": "Search terms",
    "search.sort": "Sort", "search.button": "Search",
    "sort.relevance": "Relevance", "sort.newest": "Newest", "sort.oldest": "Oldest",
    "token.summary": "Access token", "token.placeholder": "Bearer token",
    "role.public": "public", "role.officer": "officer", "role.admin": "admin", "role.invalid": "invalid",
    "role.label": "Current role: {role}", "role.prefix": "Current role: ",
    "token.hint": "For officers and admins. Stored only in this browser (localStorage).",
    "facets.label": "Refine", "facets.toggle": "Refine", "menu.toggle": "Menu", "nav.label": "Views", "facet.type": "Type", "facet.project": "Integrated project",
    "facet.disease_area": "Disease area", "facet.modality": "Modality", "facet.stage": "Stage", "facet.year": "Year",
    "status.searching": "Searching…", "status.loading": "Loading…", "status.results": "{n} results",
    "status.range": " ({a}–{b})", "status.none": "No records found",
    "status.about": "about ", "suggest.offer": "Did you mean: ", "suggest.used": "Showing results for: ",
    "expansion.includes": " also matches ", "expansion.tail": "", "expansion.drop": "leave this term out",
    "expansion.restore": "search this term again", "expansion.label": "query expansions",
    "partial.notice": "No record has every word: showing the records that have most of them (partial matches).",
    "partial.missing": "lacks: ",
    "ind.notloaded": "No outcome evidence is loaded for these indicators (a dash means no data, not zero). What would supply it:",
    "match.weak": "weak evidence", "match.weak.title": "only the industry code fits (no linked records)",
    "error.connect": "Cannot reach the server", "error.token": "The access token is not valid",
    "pager.prev": "← Previous", "pager.next": "Next →", "pager.page": "Page {p} of {n}",
    "export.label": "Export all {n}:", "export.csv": "CSV (for Excel)", "export.jsonl": "JSON Lines",
    "export.busy": "Exporting {n} records…", "export.done": "Exported {n} records",
    "chip.remove": "Remove", "untitled": "(untitled)", "back": "← Back",
    "error.title": "This page could not be shown", "error.text": "Change the conditions or try again in a moment.",
    "error.notfound.title": "Record not found",
    "error.notfound.text": "There is no record \u201c{id}\u201d (it was removed, or your access token may not see it).",
    "error.tosearch": "Go to search",
    "error.unavailable.title": "Temporarily unavailable",
    "error.unavailable.text": "The server cannot answer now (the reason is below). No incomplete answer is shown. Reload in a moment; if this goes on, tell your administrator.",
    "error.reload": "Reload",
    "reason.this": "this record", "reason.related": "similar to", "rel.sponsor": "Sponsor", "reason.that": "the candidate", "more.n": "+{n} more",
    "home.title": "Research seed search", "home.lead": "Search {n} records — research topics, papers, patents, trials, diseases, organisations and companies — in Japanese or English.",
    "home.heat": "Disease area × type", "home.moreheat": "Other combinations in Cross-links →",
    "home.recent": "Newest records", "home.norecent": "No records", "skip": "Skip to content", "search.title": "Search results", "search.titleq": "Results for \u201c{q}\u201d",
    "pager.beyond": "There is no page {p} (there are {n}).", "pager.last": "Go to the last page", "pager.label": "Pages",
    "field.id": "ID", "field.date": "Date", "field.keywords": "Keywords", "field.identifiers": "Identifiers",
    "field.visibility": "Visibility",
    "links.title": "Links", "links.in": "linked from", "links.none": "No links", "links.other": "Other",
    "graph.empty": "This record has no links, so there is no graph.", "graph.all": "Show all (up to 150)",
    "graph.aria": "Neighbourhood graph: {n} nodes, {m} links", "graph.dangling": "not indexed",
    "grant.title": "Grant", "grant.programme": "Programme", "grant.funder": "Funder", "grant.period": "Period",
    "grant.pi": "Principal investigator", "grant.institution": "Institution", "grant.number": "Grant number",
    "grant.none": "not in the source data", "grant.fy": "fiscal year {y}", "grant.from": "from fiscal year {y}",
    "grant.jsps": "JSPS (KAKENHI)",
    "graph.title": "Neighbourhood", "graph.depth": "Depth", "graph.truncated": "Cut at the node limit",
    "graph.hint": "Click a node to open its record",
    "related.title": "Related seeds", "related.across": "Across", "related.any": "Any",
    "related.across.modality": "Other modality", "related.across.disease_area": "Other disease area",
    "related.across.project": "Other project", "related.type": "Type", "related.anytype": "Any type",
    "related.none": "No related records found",
    "reason.terms": "Shared terms", "reason.disease_areas": "Shared disease areas",
    "reason.modalities": "Shared modalities", "reason.nodes": "Shared nodes", "reason.path": "Path",
    "reason.scores": "Scores", "score.text": "text", "score.graph": "graph", "score.vocab": "vocabulary",
    "match.title": "Companies for a handover", "match.seeds": "Seeds for this company",
    "match.none": "No candidates found", "match.open": "Open company matching",
    "match.for": "Companies for {t}", "match.seedsfor": "Seeds for {t}", "match.evidence": "Evidence",
    "match.names": "Also known as", "match.similarity": "similarity", "profile.title": "Company profile (from its evidence records)", "profile.recent": "Latest",
    "profile.parents": "Part of", "profile.subsidiaries": "Subsidiaries", "profile.classes": "Therapeutic classes",
    "x.title": "Cross-links", "x.rows": "Rows", "x.cols": "Columns", "x.swap": "⇄ Swap", "x.total": "Total",
    "x.hint": "Click a count to search with both filters, ⤓ to export its records as CSV", "x.filters": "Filters",
    "x.missing.col": "{n} records have no {dim}", "x.missing.row": "{n} records have no {dim}",
    "x.missing.both": "{n} of them have neither",
    "x.missing.note": "Such records are in no cell, but in the row or column total of the code they do have",
    "ind.title": "Output indicators", "ind.by": "By", "ind.key": "Key",
    "ind.licensed_to": "Handovers to companies", "ind.registered_as": "Trials reached",
    "ind.continued_as": "Seeds continued", "ind.top1pct": "Top-1% papers", "ind.total": "Total",
    "ind.drill": "{what} ({key})", "ind.none": "No records",
    "ind.more": "Show more", "ind.shown": "{shown} of the {n} records behind {count}",
    "x.export": "Export the {n} records of {what} as CSV", "ind.unassigned": "No {dim}",
    "pair.title": "Pairing", "pair.months": "Ending within", "pair.within": "{m} months",
    "pair.lead": "Basic and applied topics ending within {m} months, with next-stage topics and companies to hand over to",
    "pair.fromdata": "set from the newest end date in the data ({d})",
    "pair.asof": "as of {d}", "pair.end": "ends {d}", "pair.estimated": "estimated",
    "pair.estimated.hint": "No end date recorded: estimated from the start date",
    "pair.next": "Next-stage topics", "pair.companies": "Matching companies",
    "pair.next.none": "No next-stage topics found", "pair.companies.none": "No matching companies found",
    "pair.known.outcome": "continued as (outcome record)", "pair.known.link": "continued as (link)",
    "pair.nothing": "No next-stage topics or matching companies found",
    "pair.none": "No topic ends within {m} months of {d}", "pair.count": "{n} topics", "pair.capped": " (cut at the limit)",
    "pair.all": "All",
    "pair.none.topics": "No basic or applied topic of medical research matches ({f})",
    "pair.none.counts": "{n} basic or applied topics match: {a} ended before the date, {b} end after {m} months, {c} without a known end",
    "pair.none.stage": "Not considered: {n} other topics of another stage (or none)",
  },
};

const VOCAB_DIMS = ["type", "project", "disease_area", "modality", "stage", "rel", "visibility"];

// The labels in use; created once by app.js and passed to every view.
export class I18n {
  constructor() {
    this.lang = localStorage.getItem("seedgraph-lang") === "en" ? "en" : "ja";
    this.vocab = {};  // dim -> code -> {ja, en}
  }

  // Loads the vocabulary labels; without them codes are shown as they are.
  async loadVocab(api) {
    try {
      const v = await api("/api/vocab");
      for (const dim of VOCAB_DIMS) {
        this.vocab[dim] = {};
        for (const e of v[dim] || []) this.vocab[dim][e.code] = e;
      }
    } catch (e) {
      console.warn("vocabulary labels unavailable:", e.message);
    }
  }

  setLang(lang) {
    this.lang = lang === "en" ? "en" : "ja";
    localStorage.setItem("seedgraph-lang", this.lang);
  }

  // A UI string with {name} placeholders filled from `vars`.
  t(key, vars = {}) {
    const s = STRINGS[this.lang][key] ?? STRINGS.ja[key] ?? key;
    return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
  }

  // The label of a vocabulary code (a year or an unknown code as it is).
  label(dim, code) {
    const e = this.vocab[dim] && this.vocab[dim][code];
    return e ? (e[this.lang] || e.ja || e.en || code) : code;
  }

  // A relation's label between records of these types: `applicant` of a
  // trial is its sponsor (the party that files and answers for the trial).
  relLabel(rel, types = []) {
    if (rel === "applicant" && types.includes("trial")) return this.t("rel.sponsor");
    return this.label("rel", rel);
  }

  // A record title in the current language, the other one as a subtitle.
  title(t) {
    t = t || {};
    const [first, second] = this.lang === "en" ? [t.en, t.ja] : [t.ja, t.en];
    return { main: first || second || this.t("untitled"), sub: first && second ? second : "" };
  }

  number(n) {
    return Number(n).toLocaleString(this.lang === "en" ? "en-US" : "ja-JP");
  }

  // Fills the static page: data-i18n (text), data-i18n-placeholder and
  // data-i18n-aria-label attributes.
  apply(root) {
    document.documentElement.lang = this.lang;
    for (const node of root.querySelectorAll("[data-i18n]")) node.textContent = this.t(node.dataset.i18n);
    for (const node of root.querySelectorAll("[data-i18n-placeholder]")) {
      node.placeholder = this.t(node.dataset.i18nPlaceholder);
    }
    for (const node of root.querySelectorAll("[data-i18n-aria-label]")) {
      node.setAttribute("aria-label", this.t(node.dataset.i18nAriaLabel));
    }
  }
}
