// Parses Halo bodies into a document this object owns, reusing one simdjson parser per thread so
// its internal buffers are not reallocated (and page-faulted) on every page.
#include "halo/document.hpp"

namespace halo {

bool Document::parse(std::string body) {
  doc_.reset();
  bytes_ = 0;
  thread_local simdjson::dom::parser parser;
  const std::size_t length = body.size();
  // simdjson reads up to SIMDJSON_PADDING bytes past the end; give it that room without a copy.
  body.reserve(length + simdjson::SIMDJSON_PADDING);
  auto doc = std::make_shared<simdjson::dom::document>();
  auto root = parser.parse_into_document(*doc, body.data(), length, /*realloc_if_needed=*/false);
  if (root.error() != simdjson::SUCCESS) return false;
  doc_ = std::move(doc);
  bytes_ = length;
  return true;
}

}  // namespace halo
