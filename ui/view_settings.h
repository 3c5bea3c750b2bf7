#pragma once
// What the user chose to look at: which map (MapRequest, shared with the CLI and --screenshot) and how to draw it
// (DrawStyle), with their one set of defaults. Everything the overlay depends on besides the image and the
// attention itself.
#include "analysis/map_request.h"
#include "imaging/map_view.h"

namespace vitlens::ui {

using AttentionMethod = MapMethod;

struct ViewSettings : MapRequest, DrawStyle {
  const MapRequest& map() const { return *this; }
  const DrawStyle& style() const { return *this; }
};

}  // namespace vitlens::ui
