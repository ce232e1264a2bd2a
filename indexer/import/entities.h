// What the importers of linked sources (pubmed, ictrp, nbdc, pap2pat) share:
// the id rules of CONTRACT §1 for DOIs and grant numbers, the person and
// organization records every source makes, an `attrs` builder, and a
// bounded memory of ids already emitted.
//
// Keeping the id rules here is what makes one grant seen by PubMed and by
// NBDC one topic, and one DOI one paper.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "indexer/import/importer.h"
#include "schema/record.h"

namespace seedgraph {

// "https://doi.org/10.1371/Journal.X", "doi:10.1/x", "10.1/x" -> "10.1371/journal.x"
// (DOIs are case-insensitive: lower-case is the contract's form).  "" when
// the text holds no DOI (e.g. a publisher URL).
std::string NormaliseDoi(std::string_view raw);

// A grant number as a topic id.
struct GrantRef {
  std::string topic_id;  // "topic:amed:JP16ek0109114", "topic:kaken:22129008", "topic:grant:r01-ca125280"
  std::string number;    // the number in its normal form, for identifiers.grant
  std::string scheme;    // "amed", "kaken" or "grant"
};

// AMED numbers (JP + 2-digit year + 2-letter programme + 7 digits, with or
// without "JP", an h-suffix for the fiscal year dropped) -> topic:amed; a
// number whose agency is JSPS / KAKENHI / 科学研究費 -> topic:kaken (without
// "JP"); anything else -> topic:grant:<lower-case, punctuation as '-'>.
// An empty topic_id means there was no usable number.
GrantRef NormaliseGrant(std::string_view grant_id, std::string_view agency);

// The fiscal year (年度, April to March) a grant number names, "" when it
// names none: AMED numbers start with it (JP16ek0109114: FY2016); KAKEN
// numbers of FY2018 on start with its last two digits and a letter
// (19K23913: FY2019), the 8-digit numbers before with the Heisei year
// (22129008: 平成22年度, FY2010); MHLW numbers of the Heisei years too
// (H22-難治-一般-058: FY2010).  Otherwise "".
std::string GrantFiscalYear(const GrantRef& grant);

// Remembers which entity ids (people, organizations, topics, diseases) were
// already emitted in this run, so a co-author of 500 papers is one record,
// not 500 replacements.  Bounded: at `capacity` ids it forgets them all, so
// memory stays constant; emitting an id again later is a harmless replace.
class EmittedSet {
 public:
  explicit EmittedSet(size_t capacity = 1 << 20) : capacity_(capacity) {}
  // True the first time `id` is seen (since the last reset).
  bool FirstTime(const std::string& id);

 private:
  size_t capacity_;
  std::unordered_set<std::string> seen_;
};

// Builds an `attrs` JSON object; empty strings and lists are left out.
class Attrs {
 public:
  Attrs() : writer_(buffer_) { writer_.StartObject(); }
  Attrs& Str(const char* key, const std::string& value);
  Attrs& Strs(const char* key, const std::vector<std::string>& values);
  Attrs& Int(const char* key, long long value);
  Attrs& Bool(const char* key, bool value);
  Attrs& Double(const char* key, double value);
  // `json` must be a complete JSON value (e.g. from another Attrs).
  Attrs& Raw(const char* key, const std::string& json);
  // An array of complete JSON values (e.g. objects from other Attrs); left
  // out when empty.
  Attrs& RawList(const char* key, const std::vector<std::string>& json_values);
  // The object as text; call once.
  std::string Done();

 private:
  rapidjson::StringBuffer buffer_;
  rapidjson::Writer<rapidjson::StringBuffer> writer_;
};

// A person record.  `name` is the display name; `org_ids` become
// `affiliation` links.
Record PersonRecord(const std::string& id, const std::string& name_en, const std::string& name_ja,
                    const std::vector<std::string>& org_ids, const std::string& source);
Record OrganizationRecord(const std::string& id, const std::string& name_en, const std::string& name_ja,
                          const std::string& source);
// The record of a company or organization known only by its names (a
// price-list maker, an FDA sponsor): `id` is a names.h id (CompanyId,
// CompanyOrOrganizationId), the type is the id's; names.front() is the title
// (ja when it holds Japanese, else en), and every writing is in attrs.names;
// attrs.type_from says what decided the type ("name": IsCompanyName).
Record NamedPartyRecord(const std::string& id, const std::vector<std::string>& names, const std::string& source,
                        const std::string& type_from);

// Unicode white space trimmed at both ends and runs of it collapsed to one
// space (newlines too).
std::string CleanText(std::string_view s);
// Unicode white space (U+3000 too) trimmed at both ends; inside, the text
// stays as written.
std::string TrimText(std::string_view s);
// True when the text holds Han or kana.
bool HasJapanese(std::string_view s);
std::string BaseName(const std::string& path);
// Appends `value` when it is non-empty and not already present.
void AddUnique(std::vector<std::string>* list, const std::string& value);
// Adds a link unless the same (rel, to) is already there.
void AddLink(Record* r, const std::string& rel, const std::string& to, const std::string& date = "");

}  // namespace seedgraph
