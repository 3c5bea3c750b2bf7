#include <iostream>

#include "commands.h"
#include "engine/engine.h"

namespace vitlens::cli {

int runFilters(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"pca", "force"}, withModelOptions({"out", "scale"}));
  if (!args.positionals().empty()) throw UsageError("filters takes no positional arguments");
  const auto out = args.value("out");
  if (!out) throw UsageError("filters needs --out PNG");
  checkImageOutputName(*out);
  checkWritable(*out, args.has("force"));
  const auto engine = openEngine(args);
  // Tiles of at least 32 pixels, whatever the patch size, so 4x4 filters are visible.
  const int patch = static_cast<int>(engine->meta().config.patchSize);
  const int scale = args.intValue("scale", std::max(1, (32 + patch - 1) / patch), 1, 64);
  const bool pca = args.has("pca");
  writeImage(*out, engine->filterMontage(pca, scale));
  std::cout << "wrote " << *out << ": " << (pca ? "principal components of the " : "") << engine->meta().config.embedDim
            << " patch-embedding filters, " << patch << " x " << patch << " pixels each\n";
  return 0;
}

}  // namespace vitlens::cli
