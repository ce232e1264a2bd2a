#include "schema/analyzer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace seedgraph {
namespace {

constexpr SegmentKind W = SegmentKind::kWord;
constexpr SegmentKind C = SegmentKind::kCjk;

// "W:ips C:細胞": compact and readable in failure messages.
std::string Describe(const std::vector<Segment>& segs) {
  std::string out;
  for (const Segment& s : segs) {
    if (!out.empty()) out += ' ';
    out += (s.kind == W ? "W:" : "C:") + s.text;
  }
  return out;
}

const Segment* FindSegment(const std::vector<Segment>& segs,
                           const std::string& text) {
  for (const Segment& s : segs) {
    if (s.text == text) return &s;
  }
  return nullptr;
}

bool SameSegments(const std::vector<Segment>& a, const std::vector<Segment>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].kind != b[i].kind || a[i].text != b[i].text ||
        a[i].stem != b[i].stem || a[i].grams != b[i].grams ||
        a[i].words != b[i].words) {
      return false;
    }
  }
  return true;
}

// --- Normalize -------------------------------------------------------------

struct NormalizeCase {
  const char* input;
  const char* expected;
};

TEST(AnalyzerNormalize, Table) {
  const NormalizeCase cases[] = {
      {"ＩｇＡ腎症", "iga腎症"},
      {"ｱﾙﾂﾊｲﾏｰ", "アルツハイマー"},
      {"ｱﾙﾂﾊｲﾏｰ型認知症", "アルツハイマー型認知症"},
      {"ｶﾞﾝ", "ガン"},  // half-width voiced mark composes
      {"Ⅱ型", "ii型"},
      {"Ⅰ", "i"},
      {"ＴＲＰＶ４", "trpv4"},
      {"㈱", "(株)"},
      {"㍉", "ミリ"},
      {"①", "1"},
      {"〜", "~"},
      {"～", "~"},
      {"∼", "~"},
      {"1〜3年", "1~3年"},
      {"ＡＬＳ　患者", "als 患者"},  // ideographic space
      {"Straße", "strasse"},  // full case folding
      {"ﬁbrosis", "fibrosis"},
      {"Muscular Dystrophy", "muscular dystrophy"},
      {"脊髄性筋萎縮症", "脊髄性筋萎縮症"},
      {"", ""},
  };
  Analyzer analyzer;
  for (const NormalizeCase& c : cases) {
    EXPECT_EQ(analyzer.Normalize(c.input), c.expected) << "input: " << c.input;
  }
}

TEST(AnalyzerNormalize, InvalidUtf8BecomesReplacementChar) {
  Analyzer analyzer;
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(analyzer.Normalize("\xff\xfe abc"), fffd + fffd + " abc");
  // A truncated 3-byte sequence at the end.
  EXPECT_EQ(analyzer.Normalize("脊髄\xE6\x80"), "脊髄" + fffd);
}

TEST(AnalyzerNormalize, MaxBytesCutsAtCodePointBoundary) {
  AnalyzerOptions options;
  options.max_bytes = 10;  // 3 characters of 3 bytes + 1 byte of the 4th
  Analyzer analyzer(options);
  EXPECT_EQ(analyzer.Normalize("脊髄性筋萎縮症"), "脊髄性");
  EXPECT_EQ(analyzer.Normalize("abcdefghijklmnop"), "abcdefghij");
  EXPECT_EQ(analyzer.Normalize("abc"), "abc");
}

// --- Analyze ---------------------------------------------------------------

struct AnalyzeCase {
  const char* input;
  std::vector<std::pair<SegmentKind, std::string>> expected;
};

TEST(AnalyzerAnalyze, SegmentsTable) {
  const AnalyzeCase cases[] = {
      {"脊髄性筋萎縮症", {{C, "脊髄性筋萎縮症"}}},
      {"球脊髄性筋萎縮症", {{C, "球脊髄性筋萎縮症"}}},
      {"iPS細胞", {{W, "ips"}, {C, "細胞"}}},
      {"ＩｇＡ腎症", {{W, "iga"}, {C, "腎症"}}},
      {"ｱﾙﾂﾊｲﾏｰ型認知症", {{C, "アルツハイマー型認知症"}}},
      {"Ⅱ型糖尿病", {{W, "ii"}, {C, "型糖尿病"}}},
      {"TRPV4遺伝子", {{W, "trpv4"}, {C, "遺伝子"}}},
      {"メチル化・脱メチル化", {{C, "メチル化"}, {C, "脱メチル化"}}},
      {"脊髄 筋", {{C, "脊髄"}, {C, "筋"}}},
      {"ＡＬＳ　患者の会", {{W, "als"}, {C, "患者の会"}}},
      {"デュシェンヌ型筋ジストロフィー（DMD）",
       {{C, "デュシェンヌ型筋ジストロフィー"}, {W, "dmd"}}},
      {"1〜3年", {{W, "1"}, {W, "3"}, {C, "年"}}},
      {"3ヵ月", {{W, "3"}, {C, "ヵ月"}}},
      {"人々", {{C, "人々"}}},
      {"々", {{C, "々"}}},  // ICU gives a lone 々 no word status
      {"〆切", {{C, "〆切"}}},
      {"𠮷野家", {{C, "𠮷野家"}}},  // supplementary-plane Han
      {"Covid-19ワクチン", {{W, "covid"}, {W, "19"}, {C, "ワクチン"}}},
      {"α-synuclein", {{W, "α"}, {W, "synuclein"}}},
      {"한국어", {{W, "한국어"}}},  // Hangul is not in the CJK runs
      {"Muscular dystrophy.", {{W, "muscular"}, {W, "dystrophy"}}},
  };
  Analyzer analyzer;
  for (const AnalyzeCase& c : cases) {
    std::vector<Segment> got = analyzer.Analyze(c.input);
    std::vector<Segment> want;
    for (const auto& [kind, text] : c.expected) {
      Segment s;
      s.kind = kind;
      s.text = text;
      want.push_back(s);
    }
    EXPECT_EQ(Describe(got), Describe(want)) << "input: " << c.input;
  }
}

TEST(AnalyzerAnalyze, KindSpecificFieldsAreExclusive) {
  Analyzer analyzer;
  for (const Segment& s : analyzer.Analyze("iPS細胞 muscular 脊髄性筋萎縮症 2019")) {
    if (s.kind == W) {
      EXPECT_FALSE(s.stem.empty()) << s.text;
      EXPECT_TRUE(s.grams.empty()) << s.text;
      EXPECT_TRUE(s.words.empty()) << s.text;
    } else {
      EXPECT_TRUE(s.stem.empty()) << s.text;
      EXPECT_FALSE(s.grams.empty()) << s.text;
    }
  }
}

TEST(AnalyzerAnalyze, Bigrams) {
  Analyzer analyzer;
  std::vector<Segment> whole = analyzer.Analyze("脊髄性筋萎縮症");
  ASSERT_EQ(whole.size(), 1u);
  const std::vector<std::string> expected = {"脊髄", "髄性", "性筋",
                                             "筋萎", "萎縮", "縮症"};
  EXPECT_EQ(whole[0].grams, expected);

  std::vector<Segment> part = analyzer.Analyze("筋萎縮");
  ASSERT_EQ(part.size(), 1u);
  EXPECT_EQ(part[0].grams, (std::vector<std::string>{"筋萎", "萎縮"}));
  // The phrase of the part must occur inside the phrase of the whole.
  const auto& g = whole[0].grams;
  EXPECT_NE(std::search(g.begin(), g.end(), part[0].grams.begin(),
                        part[0].grams.end()),
            g.end());

  // And the whole inside a longer compound.
  std::vector<Segment> longer = analyzer.Analyze("球脊髄性筋萎縮症");
  ASSERT_EQ(longer.size(), 1u);
  const auto& lg = longer[0].grams;
  EXPECT_NE(std::search(lg.begin(), lg.end(), g.begin(), g.end()), lg.end());

  std::vector<Segment> one = analyzer.Analyze("症");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0].grams, (std::vector<std::string>{"症"}));

  std::vector<Segment> supp = analyzer.Analyze("𠮷野家");
  ASSERT_EQ(supp.size(), 1u);
  EXPECT_EQ(supp[0].grams, (std::vector<std::string>{"𠮷野", "野家"}));
}

TEST(AnalyzerAnalyze, DictionaryWordsStayInsideTheRun) {
  Analyzer analyzer;
  for (const char* input :
       {"脊髄性筋萎縮症", "アルツハイマー型認知症", "Ⅱ型糖尿病の患者"}) {
    for (const Segment& s : analyzer.Analyze(input)) {
      if (s.kind != C) continue;
      for (const std::string& w : s.words) {
        EXPECT_NE(s.text.find(w), std::string::npos) << w << " in " << s.text;
        EXPECT_GE(w.size(), 6u) << "one-character word " << w;  // 2 x 3 bytes
      }
    }
  }
  std::vector<Segment> sma = analyzer.Analyze("脊髄性筋萎縮症");
  ASSERT_EQ(sma.size(), 1u);
  const auto& words = sma[0].words;
  EXPECT_NE(std::find(words.begin(), words.end(), "脊髄"), words.end())
      << "words: " << ::testing::PrintToString(words);
  const std::vector<Segment> dm_segs = analyzer.Analyze("Ⅱ型糖尿病");
  const Segment* dm = FindSegment(dm_segs, "型糖尿病");
  ASSERT_NE(dm, nullptr);
  EXPECT_NE(std::find(dm->words.begin(), dm->words.end(), "糖尿病"),
            dm->words.end());
}

TEST(AnalyzerAnalyze, EnglishStems) {
  const std::pair<const char*, const char*> cases[] = {
      {"atrophies", "atrophi"}, {"muscular", "muscular"},
      {"dystrophy", "dystrophi"}, {"studies", "studi"},
      {"Neurons", "neuron"},     {"2019", "2019"},
      {"trpv4", "trpv4"},        {"ＴＲＰＶ４", "trpv4"},
  };
  Analyzer analyzer;
  for (const auto& [input, stem] : cases) {
    std::vector<Segment> segs = analyzer.Analyze(input);
    ASSERT_EQ(segs.size(), 1u) << input << ": " << Describe(segs);
    EXPECT_EQ(segs[0].kind, W) << input;
    EXPECT_EQ(segs[0].stem, stem) << input;
  }
  std::vector<Segment> md = analyzer.Analyze("muscular dystrophy");
  ASSERT_EQ(md.size(), 2u);
  EXPECT_EQ(md[0].stem, "muscular");
  EXPECT_EQ(md[1].stem, "dystrophi");
}

TEST(AnalyzerAnalyze, PunctuationAndSpaceOnlyGiveNothing) {
  Analyzer analyzer;
  for (const char* input : {"", " ", "　\t\n", "・、。！？「」（）", "...---",
                            "~〜～", "\xEF\xBF\xBD"}) {
    EXPECT_EQ(Describe(analyzer.Analyze(input)), "") << "input: " << input;
  }
}

TEST(AnalyzerAnalyze, InvalidUtf8DoesNotCrash) {
  Analyzer analyzer;
  EXPECT_EQ(Describe(analyzer.Analyze("\xff\xfe abc")), "W:abc");
  // Lone continuation bytes, a surrogate encoding, a cut sequence.
  EXPECT_EQ(Describe(analyzer.Analyze("\x80\x80脊髄\xED\xA0\x80筋\xE6")),
            "C:脊髄 C:筋");
  const std::string bytes = {'\0', '\xC0', '\xAF', 'x'};
  EXPECT_EQ(Describe(analyzer.Analyze(bytes)), "W:x");
}

TEST(AnalyzerAnalyze, HugeInputIsTruncatedByMaxBytes) {
  Analyzer analyzer;  // default 1 MiB
  std::string latin;
  while (latin.size() < (2u << 20)) latin += "abc ";
  EXPECT_LE(analyzer.Normalize(latin).size(), size_t{1} << 20);
  std::vector<Segment> segs = analyzer.Analyze(latin);
  EXPECT_EQ(segs.size(), (size_t{1} << 20) / 4);
  EXPECT_EQ(segs.back().text, "abc");

  // 3-byte characters: the cut must fall on a character boundary.
  std::string kana;
  while (kana.size() < (2u << 20)) kana += "あ";
  std::string normalized = analyzer.Normalize(kana);
  EXPECT_EQ(normalized.size(), ((size_t{1} << 20) / 3) * 3);
  EXPECT_EQ(normalized.find("\xEF\xBF\xBD"), std::string::npos);

  AnalyzerOptions small;
  small.max_bytes = 10;
  Analyzer limited(small);
  EXPECT_EQ(Describe(limited.Analyze("脊髄性筋萎縮症")), "C:脊髄性");
}

TEST(AnalyzerAnalyze, ConcurrentCallsAgree) {
  const std::vector<std::string> inputs = {
      "脊髄性筋萎縮症（SMA）の治療", "iPS細胞を用いたALS研究",
      "Muscular dystrophies and atrophies", "ｱﾙﾂﾊｲﾏｰ型認知症 2019〜2023年",
      "メチル化・脱メチル化", "\xff\xfe abc"};
  Analyzer analyzer;
  std::vector<std::vector<Segment>> reference;
  std::vector<std::string> reference_norm;
  for (const std::string& in : inputs) {
    reference.push_back(analyzer.Analyze(in));
    reference_norm.push_back(analyzer.Normalize(in));
  }
  std::atomic<int> mismatches{0};
  std::atomic<int> calls{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 200; ++round) {
        size_t i = (round + t) % inputs.size();
        if (!SameSegments(analyzer.Analyze(inputs[i]), reference[i])) ++mismatches;
        if (analyzer.Normalize(inputs[i]) != reference_norm[i]) ++mismatches;
        ++calls;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(calls.load(), 800);
  EXPECT_FALSE(reference[0].empty());
}

}  // namespace
}  // namespace seedgraph
