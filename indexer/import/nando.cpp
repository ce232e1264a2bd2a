// NANDO (Nanbyo Disease Ontology, DBCLS) + the MHLW 指定難病 list -> disease
// records, one per NANDO class.
//
// The inputs complement each other: nando.ttl has the classes, labels,
// hierarchy and MONDO links; nanbyo.json / shoman.json add synonyms,
// comments and some descriptions; the MHLW CSVs add the official disease
// groups and the 難病情報センター page.  A record must be emitted once and
// complete, so the small side tables (JSON, CSV) are read into memory first,
// then the ttl classes are collected (2,777 classes: a map is fine), joined
// with the side tables, and emitted in ttl order.
//
// The Turtle is parsed by libraptor2, not by hand: Turtle has enough corners
// (escapes, prefixed names, lists) that a home-made parser would be wrong.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <raptor2.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "indexer/import/csv.h"
#include "indexer/import/importer.h"
#include "schema/json_parse.h"

namespace seedgraph {
namespace {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

constexpr char kNandoIri[] = "http://nanbyodata.jp/ontology/NANDO_";
constexpr char kRdfType[] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr char kOwlClass[] = "http://www.w3.org/2002/07/owl#Class";
constexpr char kOwlDeprecated[] = "http://www.w3.org/2002/07/owl#deprecated";
constexpr char kRdfsLabel[] = "http://www.w3.org/2000/01/rdf-schema#label";
constexpr char kRdfsSubClassOf[] = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
constexpr char kSkosPref[] = "http://www.w3.org/2004/02/skos/core#prefLabel";
constexpr char kSkosAlt[] = "http://www.w3.org/2004/02/skos/core#altLabel";
constexpr char kSkosClose[] = "http://www.w3.org/2004/02/skos/core#closeMatch";
constexpr char kSkosExact[] = "http://www.w3.org/2004/02/skos/core#exactMatch";
constexpr char kDctDescription[] = "http://purl.org/dc/terms/description";
// The file binds the prefix nando: to ...NANDO_, so the property's IRI
// really is NANDO_hasNotificationNumber.
constexpr char kNotification[] = "http://nanbyodata.jp/ontology/NANDO_hasNotificationNumber";

// ---------------------------------------------------------------- the data

struct NandoClass {
  std::string id;  // 7 digits, "1200001"
  int line = 0;    // where its first triple was read, for messages
  bool is_class = false;
  bool deprecated = false;
  bool incomplete = false;  // cut short by a parse error
  std::string pref_ja, pref_en, label_ja, label_en, reading, description_ja, description_en;
  std::vector<std::string> alt_ja, alt_en, parents, mondo, notification;
};

// One entry of nanbyo.json / shoman.json.
struct JsonEntry {
  int index = 0;  // position in the array (the ttl order, nearly)
  std::string name_ja, name_en, comment, description, notification_no;
  std::vector<std::string> syn_ja, syn_en;
};

struct MhlwEntry {
  std::string name, url;
  std::vector<std::string> groups;
  // "file:line" of its first row.  The header's columns, not the file's name,
  // say which table a CSV is, so the file an entry came from is kept here.
  std::string first_seen;
};

struct Inputs {
  std::string ttl, nanbyo, shoman, mhlw_names, mhlw_groups, mhlw_urls;
};

// What the JSON and the MHLW tables contribute to one class.
struct Enrichment {
  const JsonEntry* json = nullptr;
  const char* json_file = nullptr;
  const char* json_match = nullptr;  // how the entry was matched
  int mhlw_no = 0;
};

// ---------------------------------------------------------------- helpers

std::string BaseName(const std::string& path) {
  size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string Trim(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  int32_t b = 0, e = u.length();
  while (b < e && u_isUWhiteSpace(u.char32At(b))) b = u.moveIndex32(b, 1);
  while (e > b && u_isUWhiteSpace(u.char32At(u.moveIndex32(e, -1)))) e = u.moveIndex32(e, -1);
  std::string out;
  u.tempSubStringBetween(b, e).toUTF8String(out);
  return out;
}

// The key two names are compared by: NFKC with case folding (so ＩｇＡ and
// IgA, full- and half-width digits agree), white space and punctuation
// removed (the sources disagree on spaces around Latin words and on
// 「GM1-」 versus 「GM1」).
std::string MatchKey(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) return s;
  icu::UnicodeString norm = nfkc->normalize(icu::UnicodeString::fromUTF8(s), status);
  if (U_FAILURE(status)) return s;
  icu::UnicodeString kept;
  for (int32_t i = 0; i < norm.length(); i = norm.moveIndex32(i, 1)) {
    UChar32 c = norm.char32At(i);
    if (!u_isUWhiteSpace(c) && !u_ispunct(c)) kept.append(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

void AddUnique(std::vector<std::string>* list, const std::string& value) {
  std::string v = Trim(value);
  if (!v.empty() && std::find(list->begin(), list->end(), v) == list->end()) list->push_back(v);
}

void WriteString(JsonWriter* w, const std::string& s) {
  w->String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
}

void WriteStringArray(JsonWriter* w, const char* key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  w->Key(key);
  w->StartArray();
  for (const auto& s : v) WriteString(w, s);
  w->EndArray();
}

// ---------------------------------------------------------------- side tables

std::vector<std::string> StringArray(const rapidjson::Value& obj, const char* key) {
  std::vector<std::string> out;
  auto it = obj.FindMember(key);
  if (it == obj.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& v : it->value.GetArray()) {
    if (v.IsString()) AddUnique(&out, v.GetString());
  }
  return out;
}

std::string StringField(const rapidjson::Value& obj, const char* key) {
  auto it = obj.FindMember(key);
  return it != obj.MemberEnd() && it->value.IsString() ? Trim(it->value.GetString()) : "";
}

// Reads nanbyo.json / shoman.json.  A syntax error loses the file (the
// DOM parser cannot resume), which is reported; a bad entry loses the entry.
Status LoadJson(const std::string& file, std::vector<JsonEntry>* out, RecordSink* sink) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  std::stringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::IOError(file + ": read error");
  std::string text = ss.str();
  rapidjson::Document doc;
  size_t offset = 0;
  Status parsed = ParseJson(text, &doc, {}, &offset);
  if (!parsed.ok()) {
    sink->Reject(file + ":byte " + std::to_string(offset),
                 "json: " + parsed.message() + " (the file's synonyms and comments are not used)");
    return Status::Ok();
  }
  if (!doc.IsArray()) {
    sink->Reject(file + ":byte 0", "json: expected an array of disease entries");
    return Status::Ok();
  }
  int index = 0;
  for (const auto& v : doc.GetArray()) {
    std::string where = file + ":record " + std::to_string(index + 1);
    JsonEntry e;
    e.index = index++;
    if (!v.IsObject() || StringField(v, "name_ja").empty()) {
      sink->Reject(where, "name_ja: expected an object with a non-empty name_ja");
      continue;
    }
    auto obsolete = v.FindMember("obsolete");
    if (obsolete != v.MemberEnd() && obsolete->value.IsBool() && obsolete->value.GetBool()) continue;
    e.name_ja = StringField(v, "name_ja");
    e.name_en = StringField(v, "name_en");
    e.comment = StringField(v, "comment");
    e.description = StringField(v, "description");
    e.notification_no = StringField(v, "notification_no");
    e.syn_ja = StringArray(v, "synonyms_ja");
    e.syn_en = StringArray(v, "synonyms_en");
    out->push_back(std::move(e));
  }
  return Status::Ok();
}

// Reads one of the MHLW CSVs (no,name / no,group / no,url) into *table.
Status LoadMhlwCsv(const std::string& file, std::map<int, MhlwEntry>* table, RecordSink* sink) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status::IOError(file + ": cannot open");
  CsvReader reader(&in);
  std::vector<std::string> row;
  int no_col = -1, value_col = -1;
  std::string column;
  for (;;) {
    CsvReader::Next next = reader.Read(&row);
    if (next == CsvReader::Next::kEnd) break;
    std::string where = file + ":" + std::to_string(reader.row_line());
    if (next == CsvReader::Next::kError) {
      sink->Reject(where, "csv: " + reader.error());
      continue;
    }
    if (no_col < 0) {
      no_col = FindColumn(row, "no");
      for (const char* name : {"name", "group", "url"}) {
        if (value_col < 0 && (value_col = FindColumn(row, name)) >= 0) column = name;
      }
      if (no_col < 0 || value_col < 0) {
        sink->Reject(where, "header: expected columns no and one of name, group, url");
        return Status::Ok();
      }
      continue;
    }
    size_t need = static_cast<size_t>(std::max(no_col, value_col));
    std::string no = row.size() > need ? Trim(row[no_col]) : "";
    std::string value = row.size() > need ? Trim(row[value_col]) : "";
    if (!AllDigits(no) || no.size() > 6) {
      sink->Reject(where, "no: expected the notification number (告示番号), got '" + no + "'");
      continue;
    }
    if (value.empty()) {
      sink->Reject(where, column + ": empty");
      continue;
    }
    MhlwEntry& e = (*table)[std::atoi(no.c_str())];
    if (e.first_seen.empty()) e.first_seen = where;
    if (column == "name") e.name = value;
    if (column == "url") e.url = value;
    if (column == "group") AddUnique(&e.groups, value);
  }
  if (in.bad()) return Status::IOError(file + ": read error");
  return Status::Ok();
}

// ---------------------------------------------------------------- Turtle

struct TtlState {
  raptor_parser* parser = nullptr;
  std::vector<NandoClass>* classes = nullptr;
  std::unordered_map<std::string, size_t> index;
  int last = -1;  // the class of the latest triple
  std::string error;
  int error_line = 0;
};

// "http://.../NANDO_1200001" -> "1200001"; "" for any other IRI.
std::string NandoId(raptor_term* term) {
  if (term == nullptr || term->type != RAPTOR_TERM_TYPE_URI) return "";
  const char* iri = reinterpret_cast<const char*>(raptor_uri_as_string(term->value.uri));
  size_t n = sizeof(kNandoIri) - 1;
  if (strncmp(iri, kNandoIri, n) != 0 || !AllDigits(iri + n)) return "";
  return iri + n;
}

std::string IriOf(raptor_term* term) {
  if (term->type != RAPTOR_TERM_TYPE_URI) return "";
  return reinterpret_cast<const char*>(raptor_uri_as_string(term->value.uri));
}

// A literal's text and its language tag, lower-cased ("ja", "en", "ja-hira").
bool Literal(raptor_term* term, std::string* text, std::string* lang) {
  if (term->type != RAPTOR_TERM_TYPE_LITERAL) return false;
  const auto& lit = term->value.literal;
  text->assign(reinterpret_cast<const char*>(lit.string), lit.string_len);
  lang->assign(lit.language ? reinterpret_cast<const char*>(lit.language) : "", lit.language_len);
  for (char& c : *lang) c = static_cast<char>(tolower(static_cast<unsigned char>(c)));
  return true;
}

NandoClass& ClassFor(TtlState* st, const std::string& id) {
  auto [it, inserted] = st->index.emplace(id, st->classes->size());
  if (inserted) {
    st->classes->emplace_back();
    st->classes->back().id = id;
    raptor_locator* loc = raptor_parser_get_locator(st->parser);
    st->classes->back().line = loc ? loc->line : 0;
  }
  st->last = static_cast<int>(it->second);
  return (*st->classes)[it->second];
}

void AddLabel(NandoClass* c, const std::string& pred, const std::string& text, const std::string& lang) {
  bool hira = lang == "ja-hira";
  bool ja = lang == "ja" || lang.rfind("ja-", 0) == 0;
  if (pred == kRdfsLabel || pred == kSkosPref) {
    std::string& ja_slot = pred == kSkosPref ? c->pref_ja : c->label_ja;
    std::string& en_slot = pred == kSkosPref ? c->pref_en : c->label_en;
    std::string& slot = hira ? c->reading : (ja ? ja_slot : en_slot);
    if (slot.empty()) slot = Trim(text);
  } else {  // altLabel: a hiragana alternative is a Japanese synonym too
    AddUnique(ja ? &c->alt_ja : &c->alt_en, text);
  }
}

void OnStatement(void* user, raptor_statement* s) {
  auto* st = static_cast<TtlState*>(user);
  std::string id = NandoId(s->subject);
  if (id.empty()) return;  // the ontology header and foreign subjects
  NandoClass& c = ClassFor(st, id);
  std::string pred = IriOf(s->predicate), text, lang;
  if (pred == kRdfType) {
    if (IriOf(s->object) == kOwlClass) c.is_class = true;
  } else if (pred == kOwlDeprecated) {
    if (Literal(s->object, &text, &lang) && text == "true") c.deprecated = true;
  } else if (pred == kRdfsLabel || pred == kSkosPref || pred == kSkosAlt) {
    if (Literal(s->object, &text, &lang)) AddLabel(&c, pred, text, lang);
  } else if (pred == kDctDescription) {
    if (Literal(s->object, &text, &lang)) {
      std::string& slot = lang == "en" ? c.description_en : c.description_ja;
      if (slot.empty()) slot = Trim(text);
    }
  } else if (pred == kRdfsSubClassOf) {
    std::string parent = NandoId(s->object);
    if (!parent.empty()) AddUnique(&c.parents, parent);  // owl:Thing is not a disease
  } else if (pred == kSkosClose || pred == kSkosExact) {
    std::string iri = IriOf(s->object);
    size_t at = iri.find("MONDO_");
    if (at != std::string::npos) AddUnique(&c.mondo, "MONDO:" + iri.substr(at + 6));
  } else if (pred == kNotification) {
    if (Literal(s->object, &text, &lang)) AddUnique(&c.notification, text);
  }
}

void OnLog(void* user, raptor_log_message* m) {
  auto* st = static_cast<TtlState*>(user);
  if (m->level < RAPTOR_LOG_LEVEL_ERROR || !st->error.empty()) return;
  st->error = m->text ? m->text : "parse error";
  st->error_line = m->locator ? m->locator->line : 0;
}

// libraptor2 2.0.15 (Debian 12) crashes or leaks on TriG's named-graph
// syntax, which its Turtle lexer half accepts: "<> {" dereferences null,
// "<x> {" and "p:x{" leak (dajobe/raptor#66, open upstream; found by
// fuzz/import_fuzzer).  Plain Turtle has no '{' outside literals and comments,
// and NANDO's has none at all, so a file with one is refused before raptor
// reads it.  A byte at a time, so it follows the chunks raptor is fed.
class BraceGuard {
 public:
  // True when `c` is a '{' that raptor would read as syntax.
  bool IsSyntaxBrace(unsigned char c) {
    if (c == '\n') ++line_;
    return Step(c);
  }
  int line() const { return line_; }

 private:
  enum class In { kCode, kComment, kOpening, kShort, kLong };

  bool Step(unsigned char c) {
    switch (in_) {
      case In::kCode:
        if (c == '#') in_ = In::kComment;
        if (c == '"' || c == '\'') {
          quote_ = c;
          run_ = 1;
          in_ = In::kOpening;
        }
        return c == '{';
      case In::kComment:
        if (c == '\n') in_ = In::kCode;
        return false;
      case In::kOpening:  // after run_ quotes: "" is empty, """ opens a long string
        if (c == quote_ && ++run_ == 3) {
          run_ = 0;
          in_ = In::kLong;
        }
        if (c == quote_) return false;
        in_ = run_ == 2 ? In::kCode : In::kShort;
        return Step(c);
      case In::kShort: {
        const bool escaped = escaped_;
        escaped_ = !escaped && c == '\\';
        if (!escaped && (c == quote_ || c == '\n')) in_ = In::kCode;
        return false;
      }
      case In::kLong: {  // Turtle: a long string ends at the first unescaped """
        const bool escaped = escaped_;
        escaped_ = !escaped && c == '\\';
        run_ = !escaped && c == quote_ ? run_ + 1 : 0;
        if (run_ == 3) in_ = In::kCode;
        return false;
      }
    }
    return false;
  }

  In in_ = In::kCode;
  unsigned char quote_ = 0;
  int run_ = 0;  // quotes in a row
  bool escaped_ = false;
  int line_ = 1;
};

struct RaptorWorldDeleter { void operator()(raptor_world* w) const { raptor_free_world(w); } };
struct RaptorParserDeleter { void operator()(raptor_parser* p) const { raptor_free_parser(p); } };
struct RaptorUriDeleter { void operator()(raptor_uri* u) const { raptor_free_uri(u); } };
struct FileCloser { void operator()(FILE* f) const { fclose(f); } };

// Parses the ttl in chunks into *classes.  Raptor stops at the first syntax
// error; the classes read before it are kept, except the one being read
// when the error struck (its triples arrive one by one, so it may be cut).
Status ParseTtl(const std::string& file, std::vector<NandoClass>* classes, RecordSink* sink) {
  std::unique_ptr<FILE, FileCloser> f(fopen(file.c_str(), "rb"));
  if (!f) return Status::IOError(file + ": cannot open");
  std::unique_ptr<raptor_world, RaptorWorldDeleter> world(raptor_new_world());
  if (!world || raptor_world_open(world.get()) != 0) return Status::Internal("raptor: cannot start");
  TtlState st;
  st.classes = classes;
  raptor_world_set_log_handler(world.get(), &st, OnLog);
  std::unique_ptr<raptor_parser, RaptorParserDeleter> parser(raptor_new_parser(world.get(), "turtle"));
  if (!parser) return Status::Internal("raptor: no turtle parser");
  st.parser = parser.get();
  raptor_parser_set_statement_handler(parser.get(), &st, OnStatement);
  unsigned char* base_str = raptor_uri_filename_to_uri_string(file.c_str());
  std::unique_ptr<raptor_uri, RaptorUriDeleter> base(raptor_new_uri(world.get(), base_str));
  raptor_free_memory(base_str);
  if (raptor_parser_parse_start(parser.get(), base.get()) != 0) return Status::Internal("raptor: cannot start parse");
  std::vector<unsigned char> buf(1 << 16);
  bool failed = false;
  BraceGuard guard;
  bool refused = false;
  for (size_t n; !failed && !refused && (n = fread(buf.data(), 1, buf.size(), f.get())) > 0;) {
    size_t safe = 0;  // only the bytes before a refused '{' reach raptor
    while (safe < n && !(refused = guard.IsSyntaxBrace(buf[safe]))) ++safe;
    failed = raptor_parser_parse_chunk(parser.get(), buf.data(), safe, 0) != 0;
  }
  if (ferror(f.get())) return Status::IOError(file + ": read error");
  if (refused && st.error.empty()) {
    st.error = "'{' (TriG graph or N3 formula syntax) is not Turtle";
    st.error_line = guard.line();
  }
  // The end of input makes raptor emit what it still buffers; after a
  // refused '{' too, so the classes before it are kept as after a syntax
  // error (raptor's own complaint about the cut is not the one reported).
  if (!failed) failed = raptor_parser_parse_chunk(parser.get(), nullptr, 0, 1) != 0;
  if (failed || !st.error.empty()) {
    std::string message = "ttl: " + (st.error.empty() ? std::string("parse error") : st.error) +
                          "; parsing stopped here, later classes are missing";
    if (st.last >= 0) {
      NandoClass& cut = (*classes)[st.last];
      cut.incomplete = true;
      message += "; NANDO:" + cut.id + " (the last class read, near line " + std::to_string(cut.line) +
                 ") may be incomplete and was skipped";
    }
    sink->Reject(file + ":" + std::to_string(st.error_line), message);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------- joining

bool Usable(const NandoClass& c) { return c.is_class && !c.deprecated && !c.incomplete; }

std::set<std::string> ClassKeys(const NandoClass& c) {
  std::set<std::string> keys;
  for (const std::string* s : {&c.pref_ja, &c.pref_en, &c.label_ja, &c.label_en}) {
    if (!s->empty()) keys.insert(MatchKey(*s));
  }
  for (const auto* list : {&c.alt_ja, &c.alt_en}) {
    for (const auto& s : *list) keys.insert(MatchKey(s));
  }
  return keys;
}

// Maps the JSON entries of one branch (nanbyo: 12xxxxx, shoman: 22xxxxx) to
// classes.  The JSON order is nearly the ttl order, so entry i is first
// tried against NANDO base+i+1 (any shared name confirms it); failing that,
// by name anywhere in the branch (the nearest unclaimed class wins); last,
// the positional class if it carries the same notification number (the
// JSON often abbreviates sub-type names the ttl spells out).
void MatchJson(const std::vector<JsonEntry>& entries, const char* file, int base,
               const std::vector<NandoClass>& classes, std::vector<Enrichment>* enrich) {
  std::string prefix = std::to_string(base).substr(0, 2);
  std::unordered_map<std::string, size_t> by_id;
  std::unordered_map<std::string, std::vector<size_t>> by_name;
  std::vector<std::set<std::string>> keys(classes.size());
  for (size_t i = 0; i < classes.size(); ++i) {
    if (!Usable(classes[i]) || classes[i].id.compare(0, 2, prefix) != 0) continue;
    by_id[classes[i].id] = i;
    keys[i] = ClassKeys(classes[i]);
    for (const auto& k : keys[i]) by_name[k].push_back(i);
  }
  for (const JsonEntry& e : entries) {
    std::vector<std::string> names = {e.name_ja, e.name_en};
    names.insert(names.end(), e.syn_ja.begin(), e.syn_ja.end());
    names.insert(names.end(), e.syn_en.begin(), e.syn_en.end());
    for (auto& n : names) n = MatchKey(n);
    auto pos_it = by_id.find(std::to_string(base + e.index + 1));
    long pos = pos_it == by_id.end() ? -1 : static_cast<long>(pos_it->second);
    auto free = [&](long i) { return i >= 0 && (*enrich)[i].json == nullptr; };
    long found = -1;
    const char* how = nullptr;
    if (free(pos) && std::any_of(names.begin(), names.end(), [&](const std::string& n) { return keys[pos].count(n) > 0; })) {
      found = pos, how = "position";
    }
    for (size_t k = 0; found < 0 && k < names.size(); ++k) {
      auto it = by_name.find(names[k]);
      if (it == by_name.end()) continue;
      long best_gap = -1;
      for (size_t i : it->second) {
        long gap = std::labs(std::atol(classes[i].id.c_str()) - (base + e.index + 1));
        if (free(i) && (best_gap < 0 || gap < best_gap)) found = i, best_gap = gap;
      }
      if (found >= 0) how = "name";
    }
    if (found < 0 && free(pos) && !e.notification_no.empty() && !classes[pos].notification.empty() &&
        classes[pos].notification.front() == e.notification_no) {
      found = pos, how = "position+notification_no";
    }
    if (found < 0) continue;
    (*enrich)[found].json = &e;
    (*enrich)[found].json_file = file;
    (*enrich)[found].json_match = how;
  }
}

// Attaches each MHLW disease to the 指定難病 class with its notification
// number: the one whose Japanese label is the MHLW name, else the top of
// that number's subtree.  Returns the numbers no class took.
std::vector<int> MatchMhlw(const std::map<int, MhlwEntry>& mhlw, const std::vector<NandoClass>& classes,
                           std::vector<Enrichment>* enrich) {
  std::unordered_map<std::string, std::vector<size_t>> by_no;
  for (size_t i = 0; i < classes.size(); ++i) {
    if (!Usable(classes[i]) || classes[i].id[0] != '1') continue;
    for (const auto& n : classes[i].notification) by_no[n].push_back(i);
  }
  std::vector<int> unmatched;
  for (const auto& [no, entry] : mhlw) {
    const std::vector<size_t>& cands = by_no[std::to_string(no)];
    long found = -1;
    std::string key = MatchKey(entry.name);
    for (size_t i : cands) {
      const NandoClass& c = classes[i];
      if (found < 0 && !key.empty() && MatchKey(c.pref_ja.empty() ? c.label_ja : c.pref_ja) == key) found = i;
    }
    for (size_t i : cands) {
      if (found >= 0) break;
      bool parent_same_no = std::any_of(classes[i].parents.begin(), classes[i].parents.end(), [&](const std::string& p) {
        return std::any_of(cands.begin(), cands.end(), [&](size_t j) { return classes[j].id == p; });
      });
      if (!parent_same_no) found = i;
    }
    if (found >= 0 && (*enrich)[found].mhlw_no == 0) {
      (*enrich)[found].mhlw_no = no;
    } else {
      unmatched.push_back(no);
    }
  }
  return unmatched;
}

// ---------------------------------------------------------------- records

// Disease areas from the hierarchy: the roots are found by label (指定難病,
// 小児慢性特定疾病, and its child 悪性新生物), falling back to the id
// scheme (1xxxxxx / 2xxxxxx) when an input lacks the roots.
struct AreaRoots {
  std::string intractable, child, cancer;
};

AreaRoots FindRoots(const std::vector<NandoClass>& classes) {
  AreaRoots r;
  for (const auto& c : classes) {
    if (c.pref_ja == "指定難病" || c.label_ja == "指定難病") r.intractable = c.id;
    if (c.pref_ja == "小児慢性特定疾病" || c.label_ja == "小児慢性特定疾病") r.child = c.id;
  }
  for (const auto& c : classes) {
    bool under_child = std::find(c.parents.begin(), c.parents.end(), r.child) != c.parents.end();
    if (under_child && (c.pref_ja == "悪性新生物" || c.label_ja == "悪性新生物")) r.cancer = c.id;
  }
  return r;
}

std::vector<std::string> DiseaseAreas(const NandoClass& c, const std::vector<NandoClass>& classes,
                                      const std::unordered_map<std::string, size_t>& index, const AreaRoots& roots) {
  std::set<std::string> lineage;  // the class and all its ancestors
  std::vector<std::string> todo = {c.id};
  while (!todo.empty()) {
    std::string id = todo.back();
    todo.pop_back();
    if (!lineage.insert(id).second) continue;  // guards against cycles
    auto it = index.find(id);
    if (it != index.end()) todo.insert(todo.end(), classes[it->second].parents.begin(), classes[it->second].parents.end());
  }
  std::vector<std::string> areas;
  bool intractable = roots.intractable.empty() ? c.id[0] == '1' : lineage.count(roots.intractable) > 0;
  bool child = roots.child.empty() ? c.id[0] == '2' : lineage.count(roots.child) > 0;
  if (intractable) areas.push_back("intractable");
  if (child) areas.push_back("child_maternal");
  if (!roots.cancer.empty() && lineage.count(roots.cancer)) areas.push_back("cancer");
  return areas;
}

void WriteMhlw(JsonWriter* w, int no, const MhlwEntry& e) {
  w->Key("mhlw");
  w->StartObject();
  w->Key("no");
  w->Int(no);
  if (!e.name.empty()) {
    w->Key("name");
    WriteString(w, e.name);
  }
  WriteStringArray(w, "groups", e.groups);
  if (!e.url.empty()) {
    w->Key("url");
    WriteString(w, e.url);
  }
  w->EndObject();
}

std::string ClassAttrs(const NandoClass& c, const Enrichment& en, const std::vector<std::string>& syn_ja,
                       const std::vector<std::string>& syn_en, const std::map<int, MhlwEntry>& mhlw) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("source");
  w.String("NANDO");
  if (!c.reading.empty()) {
    w.Key("reading");
    WriteString(&w, c.reading);
  }
  WriteStringArray(&w, "synonyms_ja", syn_ja);
  WriteStringArray(&w, "synonyms_en", syn_en);
  WriteStringArray(&w, "mondo", c.mondo);
  WriteStringArray(&w, "notification_no", c.notification);
  if (en.json != nullptr) {
    if (!en.json->comment.empty()) {
      w.Key("comment");
      WriteString(&w, en.json->comment);
    }
    w.Key("json_source");
    w.StartObject();
    w.Key("file");
    w.String(en.json_file);
    w.Key("record");
    w.Int(en.json->index + 1);
    w.Key("match");
    w.String(en.json_match);
    w.EndObject();
  }
  if (en.mhlw_no != 0) WriteMhlw(&w, en.mhlw_no, mhlw.at(en.mhlw_no));
  w.EndObject();
  return buf.GetString();
}

Record ClassRecord(const NandoClass& c, const Enrichment& en, const std::map<int, MhlwEntry>& mhlw,
                   std::vector<std::string> areas) {
  Record r;
  r.type = "disease";
  r.id = "disease:nando:" + c.id;
  r.title.ja = c.pref_ja.empty() ? c.label_ja : c.pref_ja;
  r.title.en = c.label_en.empty() ? c.pref_en : c.label_en;
  r.text.ja = c.description_ja.empty() && en.json ? en.json->description : c.description_ja;
  r.text.en = c.description_en;
  std::vector<std::string> syn_ja = c.alt_ja, syn_en = c.alt_en;
  // The official names are names of the class even where its label differs
  // (nanbyo.json ネイルパテラ症候群 for the label ネイル・パテラ症候群; the
  // MHLW list's 糖原病Ⅰa型 for 肝型糖原病Ia型): a query of that name is a
  // whole-name match, and the names expand queries (indexer/synonyms.h).
  if (en.json != nullptr) {
    if (!en.json->name_ja.empty() && en.json->name_ja != r.title.ja) AddUnique(&syn_ja, en.json->name_ja);
    if (!en.json->name_en.empty() && en.json->name_en != r.title.en) AddUnique(&syn_en, en.json->name_en);
    for (const auto& s : en.json->syn_ja) AddUnique(&syn_ja, s);
    for (const auto& s : en.json->syn_en) AddUnique(&syn_en, s);
  }
  if (en.mhlw_no != 0) {
    const std::string& official = mhlw.at(en.mhlw_no).name;
    if (!official.empty() && official != r.title.ja) AddUnique(&syn_ja, official);
  }
  AddUnique(&r.keywords, c.reading);
  for (const auto* list : {&syn_ja, &syn_en}) {
    for (const auto& s : *list) AddUnique(&r.keywords, s);
  }
  if (en.mhlw_no != 0) {
    // The MHLW name may be newer than the ontology's (renamed diseases).
    const MhlwEntry& m = mhlw.at(en.mhlw_no);
    if (!m.name.empty() && m.name != r.title.ja) AddUnique(&r.keywords, m.name);
    for (const auto& g : m.groups) AddUnique(&r.keywords, g);
  }
  r.disease_areas = std::move(areas);
  r.identifiers["nando"] = "NANDO:" + c.id;
  if (!c.mondo.empty()) r.identifiers["mondo"] = c.mondo.front();
  if (!c.notification.empty()) r.identifiers["notification_no"] = c.notification.front();
  for (const auto& p : c.parents) r.links.push_back(Link{"subclass_of", "disease:nando:" + p, ""});
  r.attrs_json = ClassAttrs(c, en, syn_ja, syn_en, mhlw);
  return r;
}

// A 指定難病 no NANDO class carries (newer than the ontology, or no ttl
// given): a record of its own, so the MHLW list is useful alone.
Record MhlwRecord(int no, const MhlwEntry& e) {
  Record r;
  r.type = "disease";
  r.id = "disease:mhlw:" + std::to_string(no);
  r.title.ja = e.name;
  for (const auto& g : e.groups) AddUnique(&r.keywords, g);
  r.disease_areas = {"intractable"};
  r.identifiers["notification_no"] = std::to_string(no);
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  w.Key("source");
  w.String("MHLW");
  WriteMhlw(&w, no, e);
  w.EndObject();
  r.attrs_json = buf.GetString();
  return r;
}

// Sorts the given paths by role; an unknown file is reported, not fatal.
Inputs Classify(const std::vector<std::string>& files, RecordSink* sink) {
  Inputs in;
  for (const std::string& f : files) {
    std::string b = BaseName(f);
    std::string* slot = nullptr;
    if (EndsWith(b, ".ttl")) slot = &in.ttl;
    else if (b == "nanbyo.json") slot = &in.nanbyo;
    else if (b == "shoman.json") slot = &in.shoman;
    else if (b == "intractable_disease.csv") slot = &in.mhlw_names;
    else if (b == "intractable_disease_groups.csv") slot = &in.mhlw_groups;
    else if (b == "intractable_disease_url.csv") slot = &in.mhlw_urls;
    if (slot == nullptr) {
      sink->Reject(f, "file: not a nando input (nando.ttl, nanbyo.json, shoman.json, "
                      "intractable_disease.csv, intractable_disease_groups.csv, intractable_disease_url.csv)");
    } else if (!slot->empty()) {
      sink->Reject(f, "file: a second " + b + " given; only " + *slot + " is used");
    } else {
      *slot = f;
    }
  }
  return in;
}

}  // namespace

Status ImportNando(const std::vector<std::string>& files, RecordSink* sink) {
  Inputs in = Classify(files, sink);
  std::vector<JsonEntry> nanbyo, shoman;
  std::map<int, MhlwEntry> mhlw;
  Status s;
  if (!in.nanbyo.empty() && !(s = LoadJson(in.nanbyo, &nanbyo, sink)).ok()) return s;
  if (!in.shoman.empty() && !(s = LoadJson(in.shoman, &shoman, sink)).ok()) return s;
  for (const std::string* f : {&in.mhlw_names, &in.mhlw_groups, &in.mhlw_urls}) {
    if (!f->empty() && !(s = LoadMhlwCsv(*f, &mhlw, sink)).ok()) return s;
  }
  std::vector<NandoClass> classes;
  if (!in.ttl.empty() && !(s = ParseTtl(in.ttl, &classes, sink)).ok()) return s;

  std::vector<Enrichment> enrich(classes.size());
  MatchJson(nanbyo, "nanbyo.json", 1200000, classes, &enrich);
  MatchJson(shoman, "shoman.json", 2200000, classes, &enrich);
  std::vector<int> mhlw_alone = MatchMhlw(mhlw, classes, &enrich);

  std::unordered_map<std::string, size_t> index;
  for (size_t i = 0; i < classes.size(); ++i) index[classes[i].id] = i;
  AreaRoots roots = FindRoots(classes);
  for (size_t i = 0; i < classes.size(); ++i) {
    const NandoClass& c = classes[i];
    if (!Usable(c)) continue;
    if (c.pref_ja.empty() && c.label_ja.empty() && c.label_en.empty() && c.pref_en.empty()) {
      sink->Reject(in.ttl + ":" + std::to_string(c.line), "title: NANDO:" + c.id + " has no @ja or @en label");
      continue;
    }
    sink->At(in.ttl + ":" + std::to_string(c.line));
    sink->Accept(ClassRecord(c, enrich[i], mhlw, DiseaseAreas(c, classes, index, roots)));
  }
  for (int no : mhlw_alone) {
    const MhlwEntry& e = mhlw.at(no);
    if (e.name.empty()) {
      // Not the groups/urls slot: it is empty when the table came under
      // another name, and the rejection had no location (fuzz/import_fuzzer).
      sink->Reject(e.first_seen,
                   "name: notification number " + std::to_string(no) + " has no name in intractable_disease.csv");
      continue;
    }
    sink->At(in.mhlw_groups.empty() ? in.mhlw_urls : in.mhlw_groups);
    sink->Accept(MhlwRecord(no, e));
  }
  return Status::Ok();
}

}  // namespace seedgraph
