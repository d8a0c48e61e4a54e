// render_png() and category_label_boxes(): the public entry points, both reading lay_out().
#include "charts/cairo_library.hpp"
#include "charts/cairo_handles.hpp"
#include "charts/chart.hpp"
#include "charts/layout.hpp"
#include "charts/paint.hpp"
#include "charts/png.hpp"

namespace charts {

util::Result<std::string> render_png(const Chart& chart, int width, int height) {
  util::Result<Layout> layout = lay_out(chart, width, height);
  if (!layout) return util::Unexpected(layout.error());
  // RGB24 (no alpha): the background is opaque, and PNG stores three bytes a pixel, not four.
  const SurfaceHandle surface(cairo().image_surface_create(CAIRO_FORMAT_RGB24, width, height));
  const ContextHandle cr(cairo().create(surface.get()));
  paint(cr.get(), *layout);
  cairo().surface_flush(surface.get());
  if (const cairo_status_t status = cairo().status(cr.get()); status != CAIRO_STATUS_SUCCESS) {
    return util::fail(util::ErrorKind::kInternal,
                      std::string("drawing the chart failed: ") + cairo().status_to_string(status));
  }
  return encode_png(surface.get());
}

util::Result<std::vector<LabelBox>> category_label_boxes(const Chart& chart, int width, int height) {
  util::Result<Layout> layout = lay_out(chart, width, height);
  if (!layout) return util::Unexpected(layout.error());
  return std::move(layout->category_labels);
}

}  // namespace charts
