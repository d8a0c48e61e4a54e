#include "charts/markers.hpp"

#include "charts/cairo_library.hpp"

namespace charts {
namespace {

// Shapes of equal visual weight: the square and diamond are drawn a little smaller than the
// circle's radius and the triangles a little larger, since their areas differ at equal size.
constexpr double kSquareHalf = kMarkerRadius * 0.85;
constexpr double kTriangleSize = kMarkerRadius * 1.2;

void trace_polygon(cairo_t* cr, double x, double y, const double (*points)[2], int count, double scale) {
  cairo().move_to(cr, x + points[0][0] * scale, y + points[0][1] * scale);
  for (int i = 1; i < count; ++i) cairo().line_to(cr, x + points[i][0] * scale, y + points[i][1] * scale);
  cairo().close_path(cr);
}

}  // namespace

void trace_marker(cairo_t* cr, Marker marker, double x, double y) {
  static constexpr double kTriangleUp[3][2] = {{0, -1}, {0.95, 0.7}, {-0.95, 0.7}};
  static constexpr double kTriangleDown[3][2] = {{0, 1}, {0.95, -0.7}, {-0.95, -0.7}};
  static constexpr double kDiamond[4][2] = {{0, -1.25}, {1.25, 0}, {0, 1.25}, {-1.25, 0}};
  cairo().new_sub_path(cr);
  switch (marker) {
    case Marker::kCircle:
      cairo().arc(cr, x, y, kMarkerRadius, 0, 6.283185307179586);
      break;
    case Marker::kSquare:
      cairo().rectangle(cr, x - kSquareHalf, y - kSquareHalf, 2 * kSquareHalf, 2 * kSquareHalf);
      break;
    case Marker::kTriangle:
      trace_polygon(cr, x, y, kTriangleUp, 3, kTriangleSize);
      break;
    case Marker::kTriangleDown:
      trace_polygon(cr, x, y, kTriangleDown, 3, kTriangleSize);
      break;
    case Marker::kDiamond:
      trace_polygon(cr, x, y, kDiamond, 4, kSquareHalf);
      break;
  }
}

}  // namespace charts
