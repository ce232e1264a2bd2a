#include "indexer/import/nando_ttl.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include <raptor2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace seedgraph {

bool nando::AllDigits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string nando::Trim(const std::string& s) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  int32_t b = 0, e = u.length();
  while (b < e && u_isUWhiteSpace(u.char32At(b))) b = u.moveIndex32(b, 1);
  while (e > b && u_isUWhiteSpace(u.char32At(u.moveIndex32(e, -1)))) e = u.moveIndex32(e, -1);
  std::string out;
  u.tempSubStringBetween(b, e).toUTF8String(out);
  return out;
}

void nando::AddTrimmedUnique(std::vector<std::string>* list, const std::string& value) {
  std::string v = nando::Trim(value);
  if (!v.empty() && std::find(list->begin(), list->end(), v) == list->end()) list->push_back(v);
}

namespace {

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
  if (strncmp(iri, kNandoIri, n) != 0 || !nando::AllDigits(iri + n)) return "";
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
    if (slot.empty()) slot = nando::Trim(text);
  } else {  // altLabel: a hiragana alternative is a Japanese synonym too
    nando::AddTrimmedUnique(ja ? &c->alt_ja : &c->alt_en, text);
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
      if (slot.empty()) slot = nando::Trim(text);
    }
  } else if (pred == kRdfsSubClassOf) {
    std::string parent = NandoId(s->object);
    if (!parent.empty()) nando::AddTrimmedUnique(&c.parents, parent);  // owl:Thing is not a disease
  } else if (pred == kSkosClose || pred == kSkosExact) {
    std::string iri = IriOf(s->object);
    size_t at = iri.find("MONDO_");
    if (at != std::string::npos) nando::AddTrimmedUnique(&c.mondo, "MONDO:" + iri.substr(at + 6));
  } else if (pred == kNotification) {
    if (Literal(s->object, &text, &lang)) nando::AddTrimmedUnique(&c.notification, text);
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
}  // namespace

Status ParseNandoTtl(const std::string& file, std::vector<NandoClass>* classes, RecordSink* sink) {
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
}  // namespace seedgraph
