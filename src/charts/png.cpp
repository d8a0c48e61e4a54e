#include "charts/png.hpp"

#include "charts/cairo_library.hpp"

namespace charts {
namespace {

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

util::Result<std::string> encode_png(cairo_surface_t* surface) {
  std::string bytes;
  const cairo_status_t status = cairo().surface_write_to_png_stream(surface, append, &bytes);
  if (status != CAIRO_STATUS_SUCCESS) {
    return util::fail(util::ErrorKind::kInternal,
                      std::string("the chart could not be encoded as PNG: ") + cairo().status_to_string(status));
  }
  return bytes;
}

}  // namespace charts
