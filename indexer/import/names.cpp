#include "indexer/import/names.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <iterator>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

namespace seedgraph {
namespace {

constexpr size_t kMaxKeyBytes = 200;

bool IsCjk(UChar32 c) {
  if (c == 0x30FC || c == 0x3005 || c == 0x30FB) return true;  // ー 々 ・ (script Common)
  UErrorCode st = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &st);
  return U_SUCCESS(st) && (s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA);
}

bool HasCjk(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    if (IsCjk(u.char32At(i))) return true;
  }
  return false;
}

// The first codepoint of a UTF-8 string and the last one.
UChar32 FirstChar(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  return u.isEmpty() ? 0 : u.char32At(0);
}
UChar32 LastChar(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  return u.isEmpty() ? 0 : u.char32At(u.moveIndex32(u.length(), -1));
}

// Cuts a key at a UTF-8 boundary so ids stay well under the 1 KiB limit.
std::string Truncate(std::string key) {
  if (key.size() <= kMaxKeyBytes) return key;
  size_t n = kMaxKeyBytes;
  while (n > 0 && (static_cast<unsigned char>(key[n]) & 0xC0) == 0x80) --n;
  key.resize(n);
  return key;
}

std::vector<std::string> SplitSpaces(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Joins tokens with '-' between Latin words and nothing next to Han/kana,
// so that 信州 大学 and 信州大学 key alike.
std::string JoinKey(const std::vector<std::string>& tokens) {
  std::string out;
  for (const auto& t : tokens) {
    if (!out.empty() && !IsCjk(LastChar(out)) && !IsCjk(FirstChar(t))) out += '-';
    out += t;
  }
  return Truncate(out);
}

// Keeps letters, digits and the given extra characters; others become spaces.
std::string KeepWordChars(const std::string& s, const char* extra) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s), out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    bool keep = u_isalnum(c) || IsCjk(c) || (c < 128 && std::strchr(extra, static_cast<char>(c)) != nullptr);
    out.append(keep ? c : static_cast<UChar32>(' '));
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

bool InList(const std::string& t, std::initializer_list<const char*> list) {
  return std::any_of(list.begin(), list.end(), [&](const char* w) { return t == w; });
}

bool IsSuffix(const std::string& t) { return InList(t, {"jr", "sr", "ii", "iii", "iv", "phd", "md", "mph", "dr", "prof"}); }

// Family name and first given name -> "family_given".  Both already
// normalised.  Apostrophes and hyphens are dropped inside a name part so
// that O'Brien = OBrien and Shin-ichi = Shinichi (romanisation variants).
std::string KeyFromParts(const std::string& family, const std::string& given) {
  if (HasCjk(family) || HasCjk(given)) {
    std::string all = family + given, out;
    for (char c : all) if (c != ' ') out += c;
    return Truncate(out);
  }
  std::vector<std::string> fam = SplitSpaces(KeepWordChars(family, "-'"));
  std::vector<std::string> giv = SplitSpaces(KeepWordChars(given, "-'"));
  while (!fam.empty() && IsSuffix(fam.back())) fam.pop_back();
  giv.erase(std::remove_if(giv.begin(), giv.end(), IsSuffix), giv.end());
  auto squeeze = [](std::string t) {
    t.erase(std::remove_if(t.begin(), t.end(), [](char c) { return c == '-' || c == '\''; }), t.end());
    return t;
  };
  std::vector<std::string> fam_keys;
  for (const auto& t : fam) if (!squeeze(t).empty()) fam_keys.push_back(squeeze(t));
  // The first full given name ("J. Craig Venter" -> craig), else the first initial.
  std::string first;
  for (const auto& t : giv) {
    std::string k = squeeze(t);
    if (first.empty() || (first.size() == 1 && k.size() > 1)) first = k.size() > 1 || first.empty() ? k : first;
    if (first.size() > 1) break;
  }
  if (fam_keys.empty()) return first.empty() ? "" : Truncate(first);
  std::string key = JoinKey(fam_keys);
  return first.empty() ? key : Truncate(key + "_" + first);
}

// Nobiliary particles that belong to the family name in "First Last" order.
bool IsParticle(const std::string& t) {
  return InList(t, {"van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "la", "le", "dos", "das",
                    "ten", "ter", "st", "bin", "al", "el"});
}

// Japanese legal forms, longest first so 地方独立行政法人 is not left as 地方.
constexpr const char* kJaLegalForms[] = {
    "地方独立行政法人", "国立研究開発法人", "独立行政法人", "国立大学法人", "公立大学法人", "一般社団法人",
    "一般財団法人", "公益社団法人", "公益財団法人", "社会医療法人", "医療法人社団", "医療法人財団",
    "社会福祉法人", "医療法人", "学校法人", "株式会社", "有限会社", "合同会社", "合資会社", "合名会社",
    "(株)", "(有)", "(財)", "(社)"};

bool IsLegalToken(const std::string& t) {
  // "&" only ever ends a name as the rest of "& Co." (Henkel AG & Co. KGaA).
  return InList(t, {"co", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "plc", "gmbh", "ag",
                    "sa", "kk", "bv", "nv", "company", "lp", "llp", "pte", "pty", "srl", "spa", "se", "ab",
                    "kgaa", "kg", "oy", "oyj", "sas", "sarl", "pvt", "private", "publ", "aktiengesellschaft", "as",
                    "uc", "unlimited", "&"});
}

// Legal forms written out in Latin letters, removed wherever they stand like
// kJaLegalForms: Kabushiki Kaisha = 株式会社 (CANON KABUSHIKI KAISHA,
// KABUSHIKI KAISHA TOSHIBA), National University Corporation = 国立大学法人.
const std::vector<std::vector<std::string>>& LatinLegalPhrases() {
  static const std::vector<std::vector<std::string>> kPhrases = {
      {"kabushiki", "kaisha"}, {"kabushiki", "gaisha"}, {"national", "university", "corporation"}};
  return kPhrases;
}

void RemoveLegalPhrases(std::vector<std::string>* tokens) {
  for (const auto& phrase : LatinLegalPhrases()) {
    for (size_t i = 0; i + phrase.size() <= tokens->size() && tokens->size() > phrase.size();) {
      if (std::equal(phrase.begin(), phrase.end(), tokens->begin() + static_cast<long>(i))) {
        tokens->erase(tokens->begin() + static_cast<long>(i), tokens->begin() + static_cast<long>(i + phrase.size()));
      } else {
        ++i;
      }
    }
  }
}

// Drops trailing legal forms: words (Inc., GmbH & Co. KG) and runs of one-letter
// tokens, which is how dotted forms arrive (K.K., S.A., S.p.A., S.a.r.l., B.V.).
// At least one token is kept.
void RemoveTrailingLegalForms(std::vector<std::string>* tokens) {
  for (bool changed = true; changed;) {
    changed = false;
    size_t run = 0;
    while (run < tokens->size() && (*tokens)[tokens->size() - 1 - run].size() == 1 &&
           (*tokens)[tokens->size() - 1 - run] != "&") {
      ++run;
    }
    if (run >= 2 && run < tokens->size()) {
      tokens->resize(tokens->size() - run);
      changed = true;
    }
    while (tokens->size() > 1 && IsLegalToken(tokens->back())) {
      tokens->pop_back();
      changed = true;
    }
    // A US subsidiary named after its parent: "TAKEDA PHARMS USA", "ORGANON
    // USA INC", "SANOFI AVENTIS US" (not "Bank of America").
    const size_t n = tokens->size();
    if (n > 1 && InList(tokens->back(), {"us", "usa", "america"}) && (*tokens)[n - 2] != "of") {
      tokens->pop_back();
      changed = true;
    }
  }
}

// Also FDA's abbreviations (Drugs@FDA sponsors: "TAKEDA PHARMS USA", "BAXTER
// HLTHCARE", "SUN PHARM INDS"), and one plural folded: "Pharmaceuticals"
// and "Pharmaceutical" never tell two firms apart (Takeda Pharmaceuticals
// U.S.A. is Takeda Pharmaceutical's), so both key as "pharmaceutical".
std::string ExpandAbbreviation(const std::string& t) {
  static constexpr const char* kPairs[][2] = {
      {"univ", "university"},       {"inst", "institute"},         {"hosp", "hospital"},
      {"dept", "department"},       {"natl", "national"},          {"ctr", "center"},
      {"centre", "center"},         {"sch", "school"},             {"coll", "college"},
      {"pharms", "pharmaceutical"}, {"pharm", "pharmaceutical"},   {"pharmaceuticals", "pharmaceutical"},
      {"labs", "laboratories"},     {"lab", "laboratory"},         {"hlthcare", "healthcare"},
      {"hlth", "health"},           {"inds", "industries"},        {"intl", "international"},
      {"therap", "therapeutics"},   {"theraps", "therapeutics"},   {"medcl", "medical"},
      {"prods", "products"},        {"res", "research"}};
  for (const auto& p : kPairs) {
    if (t == p[0]) return p[1];
  }
  return t;
}

// True when `needle` occurs in `hay` (both lower-case ASCII) at a word start.
bool HasWordPrefix(const std::string& hay, const char* needle) {
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) {
    if (at == 0 || !std::isalnum(static_cast<unsigned char>(hay[at - 1]))) return true;
  }
  return false;
}

std::string TrimAscii(std::string s, const char* chars = " \t\r\n.;,") {
  size_t b = s.find_first_not_of(chars);
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(chars);
  return s.substr(b, e - b + 1);
}

// The Japanese institution inside "信州大学 医学部 人工聴覚器学講座": the first
// space-separated part naming a university, else a hospital, institute etc.
std::string JapaneseInstitution(const std::string& s) {
  std::string norm;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.compare(i, 3, "\u3000") == 0) { norm += ' '; i += 2; } else { norm += s[i]; }
  }
  std::vector<std::string> parts = SplitSpaces(norm);
  static constexpr const char* kOthers[] = {"病院", "研究所", "センター", "機構", "会社", "研究院", "法人"};
  for (const auto& p : parts) {
    if (p.find("大学") != std::string::npos) return p;
  }
  for (const auto& p : parts) {
    for (const char* w : kOthers) if (p.find(w) != std::string::npos) return p;
  }
  return parts.empty() ? "" : parts.front();
}

}  // namespace

std::string LowerAscii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string NormaliseName(std::string_view text) {
  UErrorCode st = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(st);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(st);
  if (U_FAILURE(st)) return std::string(text);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  icu::UnicodeString d = nfd->normalize(nfkc->normalize(u, st), st);
  if (U_FAILURE(st)) return std::string(text);
  // Accents go only after a Latin letter: the voicing mark of が is also a
  // combining mark, and dropping it would turn が into か.
  icu::UnicodeString kept;
  bool after_latin = false, pending_space = false;
  for (int32_t i = 0; i < d.length(); i = d.moveIndex32(i, 1)) {
    UChar32 c = d.char32At(i);
    if (u_charType(c) == U_NON_SPACING_MARK) {
      if (!after_latin) kept.append(c);
      continue;
    }
    if (u_isUWhiteSpace(c)) {
      pending_space = !kept.isEmpty();
      continue;
    }
    if (pending_space) kept.append(static_cast<UChar32>(' '));
    pending_space = false;
    UErrorCode sc = U_ZERO_ERROR;
    after_latin = uscript_getScript(c, &sc) == USCRIPT_LATIN;
    kept.append(c);
  }
  std::string out;
  nfc->normalize(kept, st).toUTF8String(out);
  return out;
}

std::string PersonKeyParts(std::string_view family, std::string_view given) {
  return KeyFromParts(NormaliseName(family), NormaliseName(given));
}

std::string PersonKey(std::string_view name) {
  std::string s = NormaliseName(name);
  if (s.empty()) return "";
  if (HasCjk(s)) return KeyFromParts(s, "");
  size_t comma = s.find(',');
  if (comma != std::string::npos) return KeyFromParts(s.substr(0, comma), s.substr(comma + 1));
  std::replace(s.begin(), s.end(), '.', ' ');
  std::vector<std::string> tokens = SplitSpaces(s);
  while (tokens.size() > 1 && IsSuffix(tokens.back())) tokens.pop_back();
  while (tokens.size() > 1 && IsSuffix(tokens.front())) tokens.erase(tokens.begin());
  if (tokens.empty()) return "";
  size_t start = tokens.size() - 1;
  while (start > 1 && IsParticle(tokens[start - 1])) --start;
  std::string family, given;
  for (size_t i = 0; i < tokens.size(); ++i) (i < start ? given : family) += tokens[i] + " ";
  return KeyFromParts(family, given);
}

bool PersonKeysCompatible(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return false;
  if (a == b) return true;
  size_t ua = a.rfind('_'), ub = b.rfind('_');
  if (ua == std::string_view::npos || ub == std::string_view::npos) return false;
  if (a.substr(0, ua) != b.substr(0, ub)) return false;
  std::string ga(a.substr(ua + 1)), gb(b.substr(ub + 1));
  if (FirstChar(ga) != FirstChar(gb)) return false;
  // One given name is only its first letter (one codepoint), so it may stand
  // for the other; two different full given names never match.
  icu::UnicodeString ua16 = icu::UnicodeString::fromUTF8(ga), ub16 = icu::UnicodeString::fromUTF8(gb);
  return ua16.countChar32() == 1 || ub16.countChar32() == 1;
}

std::string OrganizationKey(std::string_view name) {
  std::string s = NormaliseName(name);
  for (const char* form : kJaLegalForms) {
    for (size_t at = s.find(form); at != std::string::npos; at = s.find(form)) s.replace(at, std::strlen(form), " ");
  }
  std::vector<std::string> tokens = SplitSpaces(KeepWordChars(s, "&"));
  if (tokens.size() > 1 && tokens.front() == "the") tokens.erase(tokens.begin());
  RemoveLegalPhrases(&tokens);
  RemoveTrailingLegalForms(&tokens);
  for (auto& t : tokens) t = ExpandAbbreviation(t);
  return JoinKey(tokens);
}

namespace {

// Word starts (ASCII, after NormaliseName) and Japanese words: see IsCompanyName.
// A trailing space makes a whole word ("clinic " is not "clinical", "center "
// not "Centrexion"); otherwise a word start ("universit" for Universität).
constexpr const char* kAlwaysOrgWords[] = {
    "universit", "universidad", "univ ", "college", "colegio", "school", "scuola", "ecole", "hochschule",
    "politecnic", "faculdade", "facultad", "faculty", "hospital", "hopit", "ospedal", "sykehus", "ziekenhuis",
    "gasthuis", "hospices", "policlinic", "casa di cura", "foundation", "fondation", "fundac", "fondazione",
    "stiftung", "stichting", "academy", "academie", "akademie", "academia", "minist", "agency", "agence", "agenzia",
    "government", "regents", "trustees", "president and fellows", "secretary", "her majesty",
    "united states of america", "commissariat", "commission ", "european union", "centre national", "recherche",
    "ricerche", "inserm ", "cnrs ", "irccs", "asl ", "aou ", "ihu ", "nhs ", "umc ", "va ", "veterans", "helse ",
    "army ", "fraunhofer", "max planck", "cancer center", "medical center", "medical centre", "cancer centre",
    "city of hope", "municipal", "county ", "region ", "regione ", "kommune", "office of ", "consorti", "consorci",
    "consej", "conselh", "servicio ", "asociacion", "associacao", "associazione", "federat", "initiative", "trust ",
    "fund ", "onlus", "e v ", "ev "};
constexpr const char* kJaAlwaysOrgWords[] = {"大学", "病院", "医院", "財団", "学会", "協会", "学校"};
// "Institutional" is no institute (Mylan Institutional Inc. is a company).
constexpr const char* kOrgWords[] = {"institute", "institut ", "institutet", "instituto", "institution ",
                                     "institutions ", "istituto", "laboratory ", "laboratoire de ", "center ",
                                     "centers ", "centre ", "centro ", "centrum ", "council ", "clinic ", "clinica ",
                                     "clinique", "klinik", "department", "organisation", "organization", "society ",
                                     "association ", "authority ", "health system", "healthcare system",
                                     "partnership ", "sanitari", "chu ", "chru "};
constexpr const char* kJaOrgWords[] = {"研究所", "機構", "センター", "法人", "研究院"};
constexpr const char* kCommercialForms[] = {"co", "ltd", "limited", "gmbh", "ag", "sa", "kk", "kabushiki", "spa",
                                            "srl", "bv", "nv", "ab", "se", "plc", "pty", "pvt", "kgaa", "kg",
                                            "oy", "oyj", "sas", "sarl", "aktiengesellschaft"};
constexpr const char* kJaCommercialForms[] = {"株式会社", "(株)", "有限会社", "合同会社", "公司"};

template <size_t N>
bool HasAny(const std::string& hay, const char* const (&words)[N], bool word_start) {
  for (const char* w : words) {
    if (word_start ? HasWordPrefix(hay, w) : hay.find(w) != std::string::npos) return true;
  }
  return false;
}

bool IsCommercialForm(const std::string& t) {
  return std::any_of(std::begin(kCommercialForms), std::end(kCommercialForms), [&](const char* w) { return t == w; });
}

}  // namespace

namespace {

// Letters and digits separated by single spaces, with one at the end so
// that "clinic " matches the word, not "clinical".
std::string SpacedWords(const std::string& normalised) {
  std::string words;
  for (const auto& t : SplitSpaces(KeepWordChars(normalised, "&"))) words += t + " ";
  return words;
}

// A commercial legal form among the words; dotted forms arrive as one-letter
// tokens ("k k", "s a", "s p a", "b v") and count as their run.
bool HasCommercialForm(const std::vector<std::string>& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].size() == 1 && i + 1 < tokens.size() && tokens[i + 1].size() == 1) {
      std::string run;
      while (i < tokens.size() && tokens[i].size() == 1) run += tokens[i++];
      --i;
      if (IsCommercialForm(run)) return true;
    } else if (IsCommercialForm(tokens[i])) {
      return true;
    }
  }
  return false;
}

}  // namespace

bool IsCompanyName(std::string_view name) {
  std::string n = NormaliseName(name);
  const std::string words = SpacedWords(n);
  if (HasAny(words, kAlwaysOrgWords, true) || HasAny(n, kJaAlwaysOrgWords, false)) return false;
  bool org_word = HasAny(words, kOrgWords, true) || HasAny(n, kJaOrgWords, false);
  if (!org_word) return true;
  if (HasAny(n, kJaCommercialForms, false) || n.find("a/s") != std::string::npos) return true;
  return HasCommercialForm(SplitSpaces(words));
}

namespace {

// Word starts that mark a trade (after NormaliseName; see HasCompanyMark).
constexpr const char* kTradeWords[] = {"pharm", "farma", "therapeut", "biotech", "bioscience", "biolog", "biopharm",
                                       "laborator", "labs ", "vaccin", "diagnostic", "inc ", "incorporated",
                                       "llc ", "corp", "company", "holding", "sdn bhd", "gmbh", "ltda", "pte "};

}  // namespace

bool HasCompanyMark(std::string_view name) {
  if (!IsCompanyName(name)) return false;
  const std::string n = NormaliseName(name);
  const std::string words = SpacedWords(n);
  if (HasAny(words, kTradeWords, true) || HasAny(n, kJaCommercialForms, false)) return true;
  if (n.find("ceutical") != std::string::npos || n.find("a/s") != std::string::npos) return true;
  std::vector<std::string> tokens = SplitSpaces(words);
  if (tokens.size() == 1 && tokens[0].size() > 2) {
    // An acronym of five capitals or fewer names a body (AMED, NIAID, ANRS,
    // CEPI) more often than a firm.
    const std::string raw(name);
    const bool acronym = raw.size() <= 5 && std::all_of(raw.begin(), raw.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
    return !acronym;
  }
  // Unlike HasCommercialForm, a dotted run counts when it starts with a form
  // ("S.A.U." is an S.A.).
  std::string run;
  for (const std::string& t : tokens) {
    if (IsCommercialForm(t)) return true;
    run = t.size() == 1 ? run + t : "";
    if (run.size() > 1 && IsCommercialForm(run)) return true;
  }
  return false;
}

namespace {

// Words that make a name an organization's or a company's, whatever title
// or degree it carries (word starts, after NormaliseName).
constexpr const char* kBusinessWords[] = {"pharm", "laborator", "therapeutic", "biotech", "bioscience", "health",
                                          "medical", "group", "inc ", "llc ", "corp", "company", "holding"};
constexpr const char* kTitles[] = {"dr", "prof", "professor", "pr"};
constexpr const char* kDegrees[] = {"md", "phd", "mph", "msc", "mha", "mbbs", "pharmd", "dphil", "drph", "dds",
                                    "dmd", "frcp", "frcs", "frcpc", "facp", "facc", "facs", "fics", "rn", "mbchb"};

bool InWords(const std::string& t, const char* const* begin, const char* const* end) {
  return std::any_of(begin, end, [&](const char* w) { return t == w; });
}

}  // namespace

bool LooksLikePerson(std::string_view name) {
  std::string n = NormaliseName(name);
  const std::string words = SpacedWords(n);
  if (HasAny(words, kAlwaysOrgWords, true) || HasAny(words, kOrgWords, true) || HasAny(words, kBusinessWords, true) ||
      HasAny(n, kJaAlwaysOrgWords, false) || HasAny(n, kJaOrgWords, false) || HasAny(n, kJaCommercialForms, false)) {
    return false;
  }
  std::vector<std::string> tokens = SplitSpaces(words);
  if (tokens.size() < 2 || std::any_of(tokens.begin(), tokens.end(), IsCommercialForm)) return false;
  if (InWords(tokens[0], std::begin(kTitles), std::end(kTitles))) return true;
  // Dotted degrees arrive split: "m d" (M.D.), "ph d" (Ph.D.).
  for (size_t i = 1; i < tokens.size(); ++i) {
    std::string t = tokens[i];
    if (i + 1 < tokens.size() && tokens[i + 1].size() == 1 && t.size() <= 2) t += tokens[i + 1];
    if (InWords(tokens[i], std::begin(kDegrees), std::end(kDegrees)) || InWords(t, std::begin(kDegrees), std::end(kDegrees))) {
      return true;
    }
  }
  return false;
}

std::string PersonId(std::string_view name) {
  std::string key = PersonKey(name);
  return key.empty() ? "" : "person:name:" + key;
}

std::string PersonIdParts(std::string_view family, std::string_view given) {
  std::string key = PersonKeyParts(family, given);
  return key.empty() ? "" : "person:name:" + key;
}

std::string OrganizationId(std::string_view name) {
  std::string key = OrganizationKey(name);
  return key.empty() ? "" : "organization:name:" + key;
}

std::string CompanyId(std::string_view name) {
  std::string key = OrganizationKey(name);
  return key.empty() ? "" : "company:name:" + key;
}

std::string CompanyOrOrganizationId(std::string_view name) {
  return IsCompanyName(name) ? CompanyId(name) : OrganizationId(name);
}

std::string InstitutionOf(std::string_view affiliation) {
  std::string s(affiliation);
  std::string lower = LowerAscii(s);
  size_t cut = lower.find("electronic address");
  if (cut != std::string::npos) s.resize(cut), lower.resize(cut);
  size_t semi = s.find(';');
  if (semi != std::string::npos) s.resize(semi), lower.resize(semi);
  if (HasCjk(s)) return TrimAscii(JapaneseInstitution(TrimAscii(s)));
  std::vector<std::string> segments;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string::npos) j = s.size();
    std::string seg = TrimAscii(s.substr(i, j - i));
    if (!seg.empty() && seg.find('@') == std::string::npos) segments.push_back(seg);
    i = j + 1;
  }
  if (segments.empty()) return "";
  static constexpr const char* kTier1[] = {"univ", "universit"};
  static constexpr const char* kTier2[] = {"hospital", "institut", "college", "centre", "center", "clinic",
                                           "foundation", "laborator", "school", "company", "inc", "ltd",
                                           "corporation", "gmbh", "agency", "ministry", "council", "academy",
                                           "organization", "organisation", "hopital", "trust", "klinik"};
  for (const auto& seg : segments) {
    std::string l = LowerAscii(seg);
    for (const char* w : kTier1) if (HasWordPrefix(l, w)) return seg;
  }
  for (const auto& seg : segments) {
    std::string l = LowerAscii(seg);
    for (const char* w : kTier2) if (HasWordPrefix(l, w)) return seg;
  }
  return segments.front();
}

}  // namespace seedgraph
