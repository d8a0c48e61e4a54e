// Error bodies, ordering, paging and envelopes for the simulated /api resources.
#include "sim/halo_api_response.hpp"

#include <algorithm>
#include <charconv>

namespace sim::api {

namespace {
constexpr int kUnpagedDefault = 50;
constexpr int kMaxPageSize = 100;
}  // namespace

using util::Json;

ApiResponse json_response(int status, const Json& body) { return {status, body.dump()}; }

ApiResponse not_found_record(const std::string& what, const std::string& id) {
  return json_response(404, Json{{"ClassName", "HaloItemNotFoundException"},
                                 {"Message", what + " " + id + " not found"}});
}

ApiResponse no_route(const std::string& path) {
  return json_response(404, Json{{"Message", "No HTTP resource was found that matches the request URI '" + path + "'."}});
}

std::vector<const Row*> collect(const Collection& col, const Predicate& keep, const Params& p, const char* date_field) {
  std::vector<std::uint32_t> out;
  const std::string* order = param(p, "order");
  const bool desc = flag(p, "orderdesc");
  const bool by_date = order && date_field && lower(*order) == date_field;
  if (by_date) {
    if (desc) {
      for (auto i : col.by_date_desc) {
        if (keep(col.keys[i])) out.push_back(i);
      }
    } else {
      for (auto it = col.by_date_desc.rbegin(); it != col.by_date_desc.rend(); ++it) {
        if (keep(col.keys[*it])) out.push_back(*it);
      }
    }
  } else {
    for (std::uint32_t i = 0; i < col.rows.size(); ++i) {
      if (keep(col.keys[i])) out.push_back(i);
    }
    if (order && !order->empty()) {
      // Any other field: parse the matches once (rare; the tools order by date).
      std::vector<Json> values(col.rows.size());
      for (auto i : out) {
        Json record = Json::parse(col.rows[i].text);
        auto it = record.find(*order);
        if (it != record.end()) values[i] = *it;
      }
      std::stable_sort(out.begin(), out.end(), [&](std::uint32_t a, std::uint32_t b) {
        return desc ? (values[b] < values[a]) : (values[a] < values[b]);
      });
    } else if (desc) {
      std::reverse(out.begin(), out.end());
    }
  }
  std::vector<const Row*> rows;
  rows.reserve(out.size());
  for (auto i : out) rows.push_back(&col.rows[i]);
  return rows;
}

ApiResponse list_response(const std::vector<const Row*>& matches, const Params& p, const ListShape& shape,
                          const ApiRequest& req) {
  const std::size_t total = matches.size();
  std::size_t begin = 0, end = total;
  int page_no = 0, page_size = 0;
  const bool paged = shape.pageable && flag(p, "pageinate");
  if (paged) {
    page_size = number(p, "page_size");
    if (page_size <= 0) page_size = kUnpagedDefault;
    page_size = std::min(page_size, kMaxPageSize);
    page_no = std::max(1, number(p, "page_no"));
    begin = std::min(total, static_cast<std::size_t>(page_no - 1) * static_cast<std::size_t>(page_size));
    end = std::min(total, begin + static_cast<std::size_t>(page_size));
  } else {
    int count = number(p, "count");
    if (count > 0) {
      end = std::min(total, static_cast<std::size_t>(count));
    } else if (shape.pageable) {
      end = std::min(total, static_cast<std::size_t>(kUnpagedDefault));
    }
  }
  std::vector<const Row*> page(matches.begin() + static_cast<long>(begin), matches.begin() + static_cast<long>(end));
  // Faults: a page that disagrees with record_count.
  for (int i = 0; i < req.extra_items && !matches.empty(); ++i) {
    std::size_t next = end + static_cast<std::size_t>(i);
    page.push_back(next < total ? matches[next] : matches[total - 1]);
  }
  for (int i = 0; i < req.fewer_items && !page.empty(); ++i) page.pop_back();

  std::string body;
  std::size_t size = 96;
  for (const Row* row : page) size += row->text.size() + 1;
  body.reserve(size);
  if (shape.key) {
    body += '{';
    if (paged) body += "\"page_no\":" + std::to_string(page_no) + ",\"page_size\":" + std::to_string(page_size) + ",";
    body += "\"record_count\":" + std::to_string(total) + ",\"" + shape.key + "\":[";
  } else {
    body += '[';
  }
  for (std::size_t i = 0; i < page.size(); ++i) {
    if (i) body += ',';
    if (shape.full) {
      body += page[i]->text;
    } else {
      page[i]->append_list(body);
    }
  }
  body += shape.key ? "]}" : "]";
  return {200, std::move(body)};
}

const Row* find_row(const Collection& col, const std::string& id_text) {
  int id = 0;
  auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || ptr != id_text.data() + id_text.size()) return nullptr;
  return col.find(id);
}

ApiResponse detail_response(const Collection& col, const std::string& id_text, const char* what) {
  const Row* row = find_row(col, id_text);
  if (!row) return not_found_record(what, id_text);
  return {200, row->text};
}

}  // namespace sim::api
