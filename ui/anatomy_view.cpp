#include "ui/anatomy_view.h"

#include <QLabel>
#include <QLocale>
#include <QPixmap>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

#include "ui/analysis_worker.h"
#include "ui/image_convert.h"
#include "ui/overlay_renderer.h"
#include "ui/plain_text.h"

namespace vitlens::ui {
namespace {

QLabel* heading(const QString& text, const QString& tooltip) {
  auto* label = new QLabel(QStringLiteral("<b>%1</b>").arg(text));
  label->setToolTip(tooltip);
  return label;
}

QLabel* picture(const QString& tooltip) {
  auto* label = new QLabel;
  label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
  label->setToolTip(tooltip);
  return label;
}

// Small montages are enlarged with whole-pixel steps so they stay crisp.
QPixmap enlarged(const QImage& image, int minimumWidth) {
  if (image.isNull()) return {};
  const int factor = std::max(1, minimumWidth / std::max(1, image.width()));
  return QPixmap::fromImage(image.scaled(image.size() * factor, Qt::KeepAspectRatio, Qt::FastTransformation));
}

}  // namespace

AnatomyView::AnatomyView(QWidget* parent) : QWidget(parent) {
  content_ = new QWidget;
  content_->setAutoFillBackground(true);
  auto* layout = new QVBoxLayout(content_);
  summary_ = new QLabel(tr("No model loaded"));
  summary_->setTextFormat(Qt::RichText);
  summary_->setWordWrap(true);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(summary_);
  const QString filterTip =
      tr("Each tile is one learned patch-embedding filter (RGB), stretched to full contrast: "
         "what the first layer looks for in a patch.");
  layout->addWidget(heading(tr("Patch-embedding filters"), filterTip));
  filters_ = picture(filterTip);
  layout->addWidget(filters_);
  const QString pcaTip =
      tr("The filters' top principal components (cv::PCA), first at the top left: the basis the "
         "model uses to describe a patch (ViT paper, Figure 7 left).");
  layout->addWidget(heading(tr("Principal components of the filters"), pcaTip));
  components_ = picture(pcaTip);
  layout->addWidget(components_);
  const QString simTip =
      tr("Tile (r, c) shows how similar patch (r, c)'s position embedding is to every other "
         "patch's (cosine, -1 dark to 1 bright): a trained model learns the 2-D layout this way "
         "(ViT paper, Figure 7 centre).");
  layout->addWidget(heading(tr("Position-embedding similarity"), simTip));
  similarity_ = picture(simTip);
  layout->addWidget(similarity_);
  layout->addStretch(1);

  auto* scroll = new QScrollArea;
  scroll->setWidget(content_);
  scroll->setWidgetResizable(true);
  auto* outer = new QVBoxLayout(this);
  outer->setContentsMargins(0, 0, 0, 0);
  outer->addWidget(scroll);
}

void AnatomyView::setModel(const ModelInfo& info) {
  const VitConfig& c = info.meta.config;
  const QLocale locale(QLocale::English);
  QString text = QStringLiteral("<b>%1</b> &nbsp; %2<br>")
                     .arg(QString::fromStdString(info.meta.name).toHtmlEscaped(), info.source.toHtmlEscaped());
  text += tr("input %1×%2, patch %3 (%4×%5 = %6 patches), width %7, %8 layers × %9 heads, MLP %10, %11 classes, "
             "%12 pooling<br>%13 parameters · %14")
              .arg(c.imageWidth)
              .arg(c.imageHeight)
              .arg(c.patchSize)
              .arg(c.gridWidth())
              .arg(c.gridHeight())
              .arg(c.numPatches())
              .arg(c.embedDim)
              .arg(c.depth)
              .arg(c.numHeads)
              .arg(c.mlpDim)
              .arg(c.numClasses)
              .arg(c.pooling == Pooling::Token ? tr("class-token") : tr("average"))
              .arg(locale.toString(info.parameters))
              .arg(info.device.toUpper());
  QString recipe;
  for (const auto& [key, value] : info.meta.provenance) {
    // The training recipe is one long JSON line: it goes in the tooltip, where it cannot widen the panel.
    if (key == "recipe") {
      recipe = QString::fromStdString(value);
      continue;
    }
    text += QStringLiteral("<br>%1: %2")
                .arg(QString::fromStdString(key).toHtmlEscaped(), QString::fromStdString(value).toHtmlEscaped());
  }
  for (const QString& note : info.notes) text += QStringLiteral("<br><i>%1</i>").arg(note.toHtmlEscaped());
  summary_->setText(text);
  summary_->setToolTip(recipe.isEmpty() ? QString() : plainToolTip(tr("Training recipe: %1").arg(recipe)));
  filters_->setPixmap(enlarged(toQImage(info.filters), 320));
  components_->setPixmap(enlarged(toQImage(info.filterComponents), 320));
  // About 320 px wide whatever the grid: gridWidth tiles across, each gridWidth patches wide.
  const int scale =
      std::max(1, static_cast<int>(320 / (c.gridWidth() * std::max<int64_t>(c.gridWidth(), c.gridHeight()))));
  similarity_->setPixmap(QPixmap::fromImage(
      toQImage(renderPositionSimilarity(info.positionSimilarity, static_cast<int>(c.gridHeight()),
                                        static_cast<int>(c.gridWidth()), scale, Colormap::Viridis))));
  hasModel_ = true;
}

QImage AnatomyView::renderImage() const {
  content_->adjustSize();
  return content_->grab().toImage();
}

}  // namespace vitlens::ui
