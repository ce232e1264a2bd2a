// The NANDO Turtle (nando.ttl) -> its classes, for the nando importer.
//
// The Turtle is parsed by libraptor2, not by hand: Turtle has enough corners
// (escapes, prefixed names, lists) that a home-made parser would be wrong.
// A statement cut short by a parse error leaves its class `incomplete`, and
// the error is reported as file:line; the other classes are kept.
#pragma once

#include <string>
#include <vector>

#include "indexer/import/importer.h"
#include "schema/status.h"

namespace seedgraph {

struct NandoClass {
  std::string id;  // 7 digits, "1200001"
  int line = 0;    // where its first triple was read, for messages
  bool is_class = false;
  bool deprecated = false;
  bool incomplete = false;  // cut short by a parse error
  std::string pref_ja, pref_en, label_ja, label_en, reading, description_ja, description_en;
  std::vector<std::string> alt_ja, alt_en, parents, mondo, notification;
};

// Collects the classes of `file` in file order; rejections go to `sink`.
Status ParseNandoTtl(const std::string& file, std::vector<NandoClass>* classes, RecordSink* sink);

// Helpers the two nando files share.
namespace nando {
// White space trimmed at both ends (Unicode white space, as the sources use
// U+3000 too).
std::string Trim(const std::string& s);
// Appends Trim(value) unless it is empty or already there.
void AddTrimmedUnique(std::vector<std::string>* list, const std::string& value);
bool AllDigits(const std::string& s);
}  // namespace nando

}  // namespace seedgraph
