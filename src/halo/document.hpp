// A parsed Halo response body. Halo pages are large (a raw ticket can exceed 100 KB), so they are
// parsed with simdjson's DOM into a document this object owns, read once by a projection or the
// revenue folding, and released. The element views are valid as long as the Document lives.
#pragma once
#include <simdjson.h>

#include <memory>
#include <string>

namespace halo {

class Document {
 public:
  Document() = default;
  /// Parses `body`; returns false (and leaves the document empty) when it is not JSON.
  bool parse(std::string body);
  simdjson::dom::element root() const { return doc_->root(); }
  std::size_t size_bytes() const { return bytes_; }
  explicit operator bool() const { return doc_ != nullptr; }

 private:
  std::shared_ptr<simdjson::dom::document> doc_;
  std::size_t bytes_ = 0;
};

}  // namespace halo
