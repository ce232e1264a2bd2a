#include "indexer/indexer.h"

#include <rapidjson/document.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <unordered_set>

#include "indexer/import/names.h"
#include "indexer/lexicon.h"
#include "indexer/synonyms.h"
#include "schema/index_dir.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

// Metadata of a lexicon part: how many commits changed its level's records.
constexpr char kCommitsKey[] = "seedgraph.commits";

// What a field contributes beyond its text terms.
struct FieldKind {
  bool title = false;  // also under the title prefix (ranking weight)
  bool words = false;  // ICU dictionary words of CJK runs (kCjkWord ranking terms)
};
constexpr FieldKind kTitleField{true, true};
constexpr FieldKind kBodyField{false, false};
constexpr FieldKind kKeywordField{false, true};

// One word: the surface form (positional) and, when it differs, the stem.
// A query for w looks up w, Z<stem(w)> and stem(w) itself (query/search.cpp),
// so the stem term of a word that is its own stem would only repeat the
// surface term; leaving it out saves a quarter of the indexing work.
void AddWord(const Segment& seg, std::string_view field, Xapian::termpos pos, Xapian::Document* doc) {
  doc->add_posting(TextTerm(field, seg.text), pos);
  if (seg.stem != seg.text) doc->add_term(StemTerm(field, seg.stem));
}

// Adds the analysed text of one field.  Positions continue from *pos so the
// fields of a record form one positional stream, with gaps between fields.
void AddField(const Analyzer& analyzer, std::string_view text, FieldKind kind, Xapian::Document* doc,
              Xapian::termpos* pos) {
  if (text.empty()) return;
  const std::vector<Segment> segments = analyzer.Analyze(text);
  // A kana reading keyword: its CJK text under R, not among the text terms.
  const std::string_view cjk_field = kind.words && !kind.title && IsKanaReading(segments) ? prefix::kReading : prefix::kText;
  for (const Segment& seg : segments) {
    if (seg.kind == SegmentKind::kWord) {
      ++*pos;
      AddWord(seg, prefix::kText, *pos, doc);
      if (kind.title) AddWord(seg, prefix::kTitle, *pos, doc);
      continue;
    }
    if (seg.grams.empty()) continue;
    for (const std::string& gram : seg.grams) {
      ++*pos;
      doc->add_posting(TextTerm(cjk_field, gram), *pos);
      if (kind.title) doc->add_posting(TextTerm(prefix::kTitle, gram), *pos);
    }
    // The run's last character on its own: a one-character query is a
    // wildcard over terms starting with that character, and this makes the
    // run-final occurrence (肺癌 -> 癌) findable too.
    if (seg.grams.size() > 1 || seg.grams.front() != seg.text) {
      size_t last = seg.text.size();
      do { --last; } while (last > 0 && (static_cast<unsigned char>(seg.text[last]) & 0xC0) == 0x80);
      std::string tail = seg.text.substr(last);
      doc->add_term(TextTerm(cjk_field, tail));
      if (kind.title) doc->add_term(TextTerm(prefix::kTitle, tail));
    }
    // Whole katakana words, for short and variant katakana queries.
    for (const std::string& run : KatakanaRuns(seg.text)) {
      doc->add_term(KanaTerm(prefix::kText, run));
      if (kind.title) doc->add_term(KanaTerm(prefix::kTitle, run));
    }
    // Dictionary words rank names and keywords; in long texts they cost a
    // fifth of the indexing work for little ranking signal.
    if (kind.words) {
      for (const std::string& w : seg.words) doc->add_term(MakeTerm(prefix::kCjkWord, w));
    }
  }
  *pos += kFieldPositionGap;
}

// True when attrs has `"name": true` at its top level.
// The patent classes of attrs.ipc_classes and attrs.cpc_classes as XC
// terms: each subgroup ("C07D487/04") and its main group ("C07D487").
void AddClassTerms(const std::string& attrs_json, Xapian::Document* doc) {
  if (attrs_json.find("_classes") == std::string::npos) return;  // the common case, no parse
  rapidjson::Document attrs;
  attrs.Parse(attrs_json.c_str(), attrs_json.size());
  if (!attrs.IsObject()) return;
  std::set<std::string> codes;
  for (const char* key : {"ipc_classes", "cpc_classes"}) {
    auto it = attrs.FindMember(key);
    if (it == attrs.MemberEnd() || !it->value.IsArray()) continue;
    for (const auto& v : it->value.GetArray()) {
      if (!v.IsString() || v.GetStringLength() == 0 || v.GetStringLength() > 40) continue;
      const std::string code = v.GetString();
      codes.insert(code);
      codes.insert(code.substr(0, code.find('/')));
    }
  }
  for (const auto& c : codes) doc->add_term(MakeTerm(prefix::kClass, c));
}

// A link that makes the record evidence of what a company does.
bool IsCompanyParty(const Link& l) {
  return l.to.compare(0, 8, "company:") == 0 && IsPartyRel(l.rel);
}

std::string JoinCodes(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) {
    if (!out.empty()) out += kValueSep;
    out += c;
  }
  return out;
}

void AddBooleanTerms(const Record& r, const Analyzer& analyzer, Xapian::Document* doc) {
  doc->add_boolean_term(MakeTerm(prefix::kId, r.id));
  doc->add_boolean_term(MakeTerm(prefix::kType, r.type));
  doc->add_boolean_term(MakeTerm(prefix::kVisibility, r.visibility));
  if (!r.project.empty()) doc->add_boolean_term(MakeTerm(prefix::kProject, r.project));
  if (!r.stage.empty()) doc->add_boolean_term(MakeTerm(prefix::kStage, r.stage));
  if (r.year != 0) doc->add_boolean_term(MakeTerm(prefix::kYear, std::to_string(r.year)));
  for (const auto& a : r.disease_areas) doc->add_boolean_term(MakeTerm(prefix::kDiseaseArea, a));
  for (const auto& m : r.modalities) doc->add_boolean_term(MakeTerm(prefix::kModality, m));
  for (const auto& k : r.keywords) doc->add_boolean_term(MakeTerm(prefix::kKeyword, analyzer.Normalize(k)));
  for (const std::string* name : {&r.title.ja, &r.title.en}) {
    if (!name->empty()) doc->add_term(MakeTerm(prefix::kExactName, ExactKey(analyzer, *name)));
  }
  for (const auto& k : r.keywords) doc->add_term(MakeTerm(prefix::kExactName, ExactKey(analyzer, k)));
  for (const auto& [scheme, value] : r.identifiers) {
    doc->add_boolean_term(MakeTerm(prefix::kIdentifier, scheme + ":" + analyzer.Normalize(value)));
  }
  for (const auto& l : r.links) {
    doc->add_boolean_term(MakeTerm(prefix::kLink, l.rel + ":" + l.to));
    doc->add_boolean_term(MakeTerm(prefix::kLinkAny, l.to));
    doc->add_boolean_term(MakeTerm(prefix::kHasRel, l.rel));
    if (IsCompanyParty(l)) doc->add_boolean_term(MakeTerm(prefix::kParty, "company"));
  }
  AddClassTerms(r.attrs_json, doc);
  if (AttrFlag(r.attrs_json, "top1pct")) doc->add_boolean_term(MakeTerm(prefix::kFlag, "top1pct"));
  if (r.type == "company" || r.type == "organization") {
    for (const std::string* name : {&r.title.ja, &r.title.en}) {
      const std::string key = OrganizationKey(*name);
      if (!key.empty()) doc->add_boolean_term(MakeTerm(prefix::kNameKey, key));
    }
  }
}

void AddValues(const Record& r, Xapian::Document* doc) {
  if (!r.date.empty()) {
    // Pad partial dates so "2019" sorts before "2019-04-01".
    std::string d = r.date.substr(0, 10);
    if (d.size() == 4) d += "-00-00";
    if (d.size() == 7) d += "-00";
    doc->add_value(kSlotDate, d);
    doc->add_value(kSlotDateAscending, d);
  } else {
    doc->add_value(kSlotDateAscending, kUndatedLast);
  }
  doc->add_value(kSlotLinkOrder, doc->get_value(kSlotDate) + kValueSep + r.id);
  if (r.year != 0) {
    doc->add_value(kSlotYear, Xapian::sortable_serialise(r.year));
    doc->add_value(kSlotYearText, std::to_string(r.year));
  }
  doc->add_value(kSlotType, r.type);
  if (!r.project.empty()) doc->add_value(kSlotProject, r.project);
  if (!r.disease_areas.empty()) doc->add_value(kSlotDiseaseAreas, JoinCodes(r.disease_areas));
  if (!r.modalities.empty()) doc->add_value(kSlotModalities, JoinCodes(r.modalities));
  if (!r.stage.empty()) doc->add_value(kSlotStage, r.stage);
  doc->add_value(kSlotVisibility, r.visibility);
  std::string parties;
  for (const auto& l : r.links) {
    if (!IsCompanyParty(l)) continue;
    if (!parties.empty()) parties += kValueSep;
    parties += l.rel + " " + l.to;
  }
  if (!parties.empty()) doc->add_value(kSlotParties, parties);
  std::string packed;
  for (Slot slot : kFacetSlots) {
    packed += doc->get_value(slot);
    packed += kFacetSep;
  }
  doc->add_value(kSlotFacets, packed);
}

}  // namespace

Xapian::Document BuildDocument(const Record& r, const Analyzer& analyzer) {
  Xapian::Document doc;
  Xapian::termpos pos = 0;
  AddField(analyzer, r.title.ja, kTitleField, &doc, &pos);
  AddField(analyzer, r.title.en, kTitleField, &doc, &pos);
  AddField(analyzer, r.text.ja, kBodyField, &doc, &pos);
  AddField(analyzer, r.text.en, kBodyField, &doc, &pos);
  for (const auto& k : r.keywords) AddField(analyzer, k, kKeywordField, &doc, &pos);
  // Identifiers are searchable as text too: an officer pastes a grant number.
  for (const auto& [scheme, value] : r.identifiers) AddField(analyzer, value, kBodyField, &doc, &pos);
  AddBooleanTerms(r, analyzer, &doc);
  AddValues(r, &doc);
  doc.set_data(WriteRecordJson(r));
  return doc;
}

// One database of the index directory (schema/index_dir.h).
struct Part {
  std::string name;   // its visibility level
  size_t shard = 0;   // of a sharded index
  bool lexicon = false;
  Xapian::WritableDatabase db;
  ExpansionWriter expansion;  // the synonyms and spellings it holds
  bool dirty = false;         // changed since the last commit
};

struct Indexer::Impl {
  IndexerOptions options;
  // In commit order: record parts in rank order, shard by shard, then the
  // lexicon parts of a sharded index.
  std::vector<Part> parts;
  size_t shards = 0;  // 0: one record part per level, holding its spellings
  Analyzer analyzer;
  size_t pending = 0;
  // An index that was empty when opened holds only the ids added since, so
  // a record whose id hash is new here needs no lookup of an older version
  // (a hash collision only takes the slower, always-correct path).
  bool fresh = false;
  std::unordered_set<uint64_t> added_ids;

  // The record part for a record of this level and id.
  Part* PartOf(const std::string& visibility, const std::string& id) {
    const size_t shard = ShardOf(id, shards);
    for (Part& p : parts) {
      if (!p.lexicon && p.name == visibility && p.shard == shard) return &p;
    }
    return nullptr;
  }
  // Where the spelling and synonyms of a record part's records go.
  Part& WordsOf(Part& part) {
    if (shards == 0) return part;
    for (Part& p : parts) {
      if (p.lexicon && p.name == part.name) return p;
    }
    return part;
  }
  // Takes the stored version of `id` out of every record part but `keep`
  // (with its synonyms and spellings, which are not attached to the
  // document); in `keep` only its expansion goes, the caller replaces it.
  // Returns the stored version's stamp when its data is `*data` (the same
  // record again), else "".
  std::string Forget(const std::string& id, const Part* keep, const std::string* data = nullptr);
  // The ingest stamp of a new version (kSlotStamp): now, and later than
  // every stamp this writer gave before, whatever the clock does.
  std::string NextStamp() {
    const double now = static_cast<double>(std::chrono::duration_cast<std::chrono::microseconds>(
                                               std::chrono::system_clock::now().time_since_epoch())
                                               .count());
    last_stamp = std::max(now, last_stamp + 1);
    return Xapian::sortable_serialise(last_stamp);
  }
  double last_stamp = 0;
};

namespace {

void AddPart(const std::string& path, const std::string& level, size_t shard, bool lexicon, std::vector<Part>* parts) {
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  Part part;
  part.name = level;
  part.shard = shard;
  part.lexicon = lexicon;
  part.db = Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN);
  parts->push_back(std::move(part));
}

// Creates or opens every part of the index at dir (with `shards` shards)
// and, for a new index, writes the stub last, so a reader never meets half
// an index.
void OpenParts(const std::string& dir, size_t shards, bool is_new, std::vector<Part>* parts) {
  for (const std::string& level : RecordParts()) {
    if (shards == 0) AddPart(IndexPartPath(dir, level), level, 0, false, parts);
    for (size_t k = 0; k < shards; ++k) AddPart(ShardPartPath(dir, k, level), level, k, false, parts);
  }
  if (shards > 0) {
    for (const std::string& level : RecordParts()) AddPart(LexiconPartPath(dir, level), level, 0, true, parts);
  }
  if (!is_new) return;
  const std::filesystem::path stub = std::filesystem::path(dir) / kIndexStub;
  const std::filesystem::path tmp = stub.string() + ".tmp";
  std::ofstream(tmp, std::ios::binary | std::ios::trunc) << (shards == 0 ? IndexStubText() : ShardedStubText(shards));
  std::filesystem::rename(tmp, stub);
}

}  // namespace

Indexer::Indexer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Indexer::~Indexer() {
  if (impl_) Commit();
}

Result<std::unique_ptr<Indexer>> Indexer::Open(const IndexerOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  if (impl->options.batch_size == 0) impl->options.batch_size = 1;
  if (IsSingleDatabaseIndex(options.db_path)) return Status::IOError(OlderLayoutMessage(options.db_path));
  std::error_code ec;
  if (std::filesystem::is_regular_file(options.db_path, ec)) {
    return Status::IOError(options.db_path + " is a stub file, not an index directory: records are added to the "
                           "index directory the shards are served from (docs/DEPLOY.md)");
  }
  // The stub, read once: its layout is kept, and one it cannot read is
  // never rewritten.
  const bool exists = std::filesystem::exists(std::filesystem::path(options.db_path) / kIndexStub, ec);
  impl->shards = options.shards;
  if (exists) {
    Result<IndexStub> stub = ReadIndexStub(options.db_path);
    if (!stub.ok()) return stub.status();
    impl->shards = stub->Shards();
  }
  if (exists && options.shards != 0 && options.shards != impl->shards) {
    return Status::InvalidArgument("--shards " + std::to_string(options.shards) + ": the index at " + options.db_path +
                                   " has " + std::to_string(impl->shards) + " (a sharded index keeps its count)");
  }
  try {
    OpenParts(options.db_path, impl->shards, !exists, &impl->parts);
    impl->fresh = true;
    for (const Part& p : impl->parts) impl->fresh = impl->fresh && p.db.get_doccount() == 0;
    if (options.lexicon != nullptr) {
      Part& lexicon = impl->WordsOf(*impl->PartOf(kLexiconPart, ""));
      WriteLexicon(*options.lexicon, impl->analyzer, &lexicon.db);
      lexicon.dirty = true;
    }
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open index " + options.db_path + ": " + e.get_description());
  } catch (const std::filesystem::filesystem_error& e) {
    return Status::IOError("cannot create index " + options.db_path + ": " + e.code().message());
  }
  return std::unique_ptr<Indexer>(new Indexer(std::move(impl)));
}

std::string Indexer::Impl::Forget(const std::string& id, const Part* keep, const std::string* data) {
  const std::string term = MakeTerm(prefix::kId, id);
  const size_t shard = ShardOf(id, shards);
  std::string stamp;
  for (Part& p : parts) {
    if (p.lexicon || p.shard != shard) continue;
    Xapian::PostingIterator it = p.db.postlist_begin(term);
    if (it == p.db.postlist_end(term)) continue;
    Record old;
    Part& words = WordsOf(p);
    const Xapian::Document stored = p.db.get_document(*it);
    if (data != nullptr && stored.get_data() == *data) stamp = stored.get_value(kSlotStamp);
    if (ParseRecord(stored.get_data(), &old).ok()) words.expansion.Remove(old, analyzer, &words.db);
    if (&p != keep) p.db.delete_document(term);
    p.dirty = true;
    words.dirty = true;
  }
  return stamp;
}

Status Indexer::Add(const Record& record) {
  Part* part = impl_->PartOf(record.visibility, record.id);
  if (part == nullptr) return Status::InvalidArgument(record.id + ": visibility: unknown level " + record.visibility);
  try {
    const bool first_version = impl_->fresh && impl_->added_ids.insert(std::hash<std::string>{}(record.id)).second;
    Xapian::Document doc = BuildDocument(record, impl_->analyzer);
    const std::string data = doc.get_data();
    const std::string kept = first_version ? std::string() : impl_->Forget(record.id, part, &data);
    doc.add_value(kSlotStamp, kept.empty() ? impl_->NextStamp() : kept);
    if (first_version) {
      part->db.add_document(doc);
    } else {
      part->db.replace_document(MakeTerm(prefix::kId, record.id), doc);
    }
    // Query expansion and "did you mean" read these (query/expand.h).
    Part& words = impl_->WordsOf(*part);
    words.expansion.Add(record, impl_->analyzer, &words.db);
    part->dirty = true;
    words.dirty = true;
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot index " + record.id + ": " + e.get_description());
  }
  ++added_;
  if (++impl_->pending >= impl_->options.batch_size) return Commit();
  return Status::Ok();
}

Status Indexer::Remove(const std::string& id) {
  try {
    impl_->Forget(id, nullptr);
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot remove " + id + ": " + e.get_description());
  }
  ++impl_->pending;
  return Status::Ok();
}

Status Indexer::Commit() {
  if (impl_->pending == 0 && std::none_of(impl_->parts.begin(), impl_->parts.end(), [](const Part& p) { return p.dirty; })) {
    return Status::Ok();
  }
  // In rank order: a record that became less visible leaves the public
  // part before it appears in a more restricted one.
  try {
    // A sharded index's lexicon part of each level moves on with every
    // commit that changes a record part of that level: a reader of remote
    // shards (whose revisions Xapian 1.4 cannot ask for) names the local
    // lexicon revisions instead (query/index_view.h).
    std::set<Part*> moved;
    for (Part& p : impl_->parts) {
      if (!p.dirty || p.lexicon || impl_->shards == 0) continue;
      Part& words = impl_->WordsOf(p);
      if (&words == &p || !moved.insert(&words).second) continue;
      const std::string n = words.db.get_metadata(kCommitsKey);
      words.db.set_metadata(kCommitsKey, std::to_string(std::strtoull(n.c_str(), nullptr, 10) + 1));
      words.dirty = true;
    }
    for (Part& p : impl_->parts) {
      if (!p.dirty) continue;
      p.expansion.Flush(&p.db);
      p.db.commit();
      p.dirty = false;
    }
  } catch (const Xapian::Error& e) {
    return Status::IOError("commit failed: " + e.get_description());
  }
  impl_->pending = 0;
  return Status::Ok();
}

}  // namespace seedgraph
