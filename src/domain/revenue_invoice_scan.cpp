// Newest-first invoice scan with early stop and page estimation (see revenue_invoice_scan.hpp).
#include "domain/revenue_invoice_scan.hpp"

#include <algorithm>
#include <chrono>
#include <climits>

namespace domain {

void InvoiceScan::add(std::optional<Date> invoice_date) {
  if (!invoice_date) {
    // Undated sorts after every dated invoice, so from here on nothing dated may follow.
    seen_undated_ = true;
    if (seen_any_) past_start_ = true;
    seen_any_ = true;
    return;
  }
  if (seen_undated_ || (oldest_ && *invoice_date > *oldest_)) ordered_ = false;
  if (!newest_) newest_ = invoice_date;
  if (!oldest_ || *invoice_date < *oldest_) oldest_ = invoice_date;
  if (*invoice_date < window_start_) past_start_ = true;
  seen_any_ = true;
}

void InvoiceScan::end_page() {
  ++pages_;
  if (!oldest_) return;
  // A page covers the days from where the previous one ended (or its own newest) to its oldest.
  const std::optional<Date> from = oldest_at_page_end_ ? oldest_at_page_end_ : newest_;
  const long days = (std::chrono::sys_days(*from) - std::chrono::sys_days(*oldest_)).count();
  widest_page_days_ = std::max(widest_page_days_, days);
  oldest_at_page_end_ = oldest_;
}

int InvoiceScan::pages_certain() const {
  constexpr int kAll = 1 << 20;
  if (!ordered_) return kAll;
  if (past_start_) return 0;
  if (!oldest_ || pages_ == 0) return 1;
  const long days_left = (std::chrono::sys_days(*oldest_) - std::chrono::sys_days(window_start_)).count();
  if (widest_page_days_ <= 0) return 1;
  return static_cast<int>(std::clamp<long>(days_left / widest_page_days_, 1, kAll));
}

int InvoiceScan::pages_wanted() const {
  constexpr int kAll = 1 << 20;
  if (!ordered_) return kAll;
  if (past_start_) return 0;
  if (!newest_ || !oldest_ || pages_ == 0) return 1;
  // Days covered per page so far; the page that first reaches a day before window_start is the
  // last one needed: floor(days_left / days_per_page) + 1 pages at an even pace.
  const long span = (std::chrono::sys_days(*newest_) - std::chrono::sys_days(*oldest_)).count();
  const long days_left = (std::chrono::sys_days(*oldest_) - std::chrono::sys_days(window_start_)).count();
  if (span <= 0) return 1;
  const long pages = days_left * pages_ / span + 1;
  return static_cast<int>(std::clamp<long>(pages, 1, kAll));
}

}  // namespace domain
