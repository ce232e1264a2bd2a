#include "query/filler_words.h"

#include <algorithm>
#include <array>

namespace seedgraph {
namespace {

// Sorted in UTF-8 byte order (std::binary_search; filler_words_test checks).
// Also the boilerplate of trial registries and patent claims that the demo's
// related reasons showed most ("exclusion", "inclusion", "criteria",
// "informed consent", "pharmaceutically acceptable", "ctri", "pty",
// "intervention", "outcome").
constexpr std::array<std::string_view, 427> kFiller = {
    "about", "above", "acceptable", "according", "achieved", "across", "addition", "additional",
    "additionally", "adolescent", "adult", "after", "against", "aged", "all", "allow", "allows",
    "almost", "along", "also", "although", "among", "amount", "analyses", "analysis", "analyzed",
    "and", "animals", "another", "any", "applied", "approach", "approaches", "are", "around",
    "associated", "available", "based", "because", "been", "before", "being", "between", "both",
    "but", "can", "carried", "case", "cases", "certain", "changes", "child", "clear", "company",
    "compared", "comparison", "comprise", "comprises", "comprising", "concerning", "conclusion",
    "conclusions", "consent", "consist", "consisting", "could", "criteria", "ctri", "demonstrate",
    "demonstrated", "demonstrates", "dependent", "described", "describes", "designed", "despite",
    "determine", "determined", "developed", "development", "different", "disclosed", "does", "due",
    "during", "e.g", "each", "effect", "effects", "either", "embodiments", "especially",
    "established", "etc", "evaluate", "evaluated", "even", "evidence", "examined", "example",
    "exclusion", "exhibit", "exhibited", "factor", "factors", "female", "findings", "first",
    "following", "found", "four", "from", "further", "furthermore", "generally", "given", "had",
    "has", "have", "having", "here", "herein", "hereof", "high", "higher", "highly", "however",
    "humans", "i.e", "identified", "important", "improved", "inc", "include", "included",
    "includes", "including", "inclusion", "increase", "increased", "indicate", "indicated",
    "indicates", "induced", "inducing", "infant", "informed", "intervention", "interventions",
    "into", "investigate", "investigated", "involved", "involving", "its", "itself", "known",
    "large", "least", "less", "level", "levels", "like", "likely", "low", "lower", "ltd", "mainly",
    "male", "many", "may", "meet", "method", "methods", "middle", "middle aged", "might", "more",
    "moreover", "most", "mostly", "much", "must", "namely", "near", "nearly", "new", "none", "not",
    "novel", "now", "observed", "obtained", "often", "one", "only", "other", "others", "our",
    "outcome", "outcomes", "over", "overall", "particular", "particularly", "performed",
    "pharmaceutically", "play", "plays", "possible", "potential", "present", "presented",
    "presents", "previously", "probably", "proposed", "proto", "provide", "provided", "provides",
    "providing", "pty", "rate", "rather", "recent", "recently", "reduced", "regarding", "regulates",
    "related", "relative", "report", "reported", "reports", "respectively", "result", "resulted",
    "resulting", "results", "revealed", "role", "routine", "said", "same", "second", "several",
    "should", "show", "showed", "shown", "shows", "significant", "significantly", "similar",
    "since", "single", "some", "specific", "still", "studied", "studies", "study", "subject",
    "subjects", "such", "suggest", "suggested", "suggests", "than", "that", "the", "their", "them",
    "then", "there", "thereby", "therefore", "thereof", "these", "they", "third", "this", "those",
    "three", "through", "thus", "together", "total", "toward", "towards", "two", "type", "types",
    "under", "upon", "use", "used", "uses", "using", "various", "very", "via", "was", "well",
    "were", "what", "when", "where", "whereas", "wherein", "whether", "which", "while", "who",
    "whose", "with", "within", "without", "would", "years", "yet", "young", "および", "こと", "これ", "それ",
    "ため", "における", "に対する", "に関する", "もの", "予測", "今後", "令和", "以上", "以下", "伴う", "作用", "促進", "分子", "利用",
    "制御", "創出", "効果", "及び", "取り組み", "可能", "可能性", "各", "同定", "向上", "基づく", "基盤", "報告", "変化", "多く",
    "実施", "実現", "実用", "実用化", "対象", "展開", "平成", "年度", "当", "形成", "影響", "役割", "必要", "応用", "手法", "技術",
    "探索", "推進", "提供", "改善", "新た", "新規", "方法", "明らか", "有効", "有用", "期待", "本", "本研究", "検討", "検証", "構築",
    "様々", "機構", "機能", "段階", "活用", "特定", "状態", "獲得", "現在", "理解", "用いた", "用いる", "発現", "発生", "発見",
    "目的", "研究", "確立", "示した", "示す", "等", "細胞", "結果", "維持", "考え", "解明", "解析", "解決", "計画", "評価", "誘導",
    "課題", "重要", "開発", "関する", "関連", "非常", "高い",
};

}  // namespace

bool IsFillerWord(std::string_view word) { return std::binary_search(kFiller.begin(), kFiller.end(), word); }

bool FillerWordsSorted() { return std::is_sorted(kFiller.begin(), kFiller.end()); }

}  // namespace seedgraph
