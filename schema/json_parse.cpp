#include "schema/json_parse.h"

#include <rapidjson/error/en.h>

#include <string>

namespace seedgraph {

size_t FindTooDeep(std::string_view text, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;  // skips the escaped byte, '"' included
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

Status ParseJson(std::string_view text, rapidjson::Document* doc, const JsonParseOptions& options,
                 size_t* error_offset) {
  size_t unused = 0;
  size_t& offset = error_offset != nullptr ? *error_offset : unused;
  offset = FindTooDeep(text, options.max_depth);
  if (offset != std::string_view::npos) {
    return Status::InvalidArgument("nesting too deep (over " + std::to_string(options.max_depth) + " levels)");
  }
  offset = 0;
  constexpr unsigned kBase = rapidjson::kParseIterativeFlag;
  if (options.validate_utf8) {
    doc->Parse<kBase | rapidjson::kParseValidateEncodingFlag>(text.data(), text.size());
  } else {
    doc->Parse<kBase>(text.data(), text.size());
  }
  if (!doc->HasParseError()) return Status::Ok();
  offset = doc->GetErrorOffset();
  if (doc->GetParseError() == rapidjson::kParseErrorStringInvalidEncoding) {
    return Status::InvalidArgument("invalid UTF-8 in a string");
  }
  return Status::InvalidArgument(rapidjson::GetParseError_En(doc->GetParseError()));
}

}  // namespace seedgraph
