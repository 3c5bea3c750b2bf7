#include "ui/hub_models_dialog.h"

#include <QCheckBox>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vitlens::ui {
namespace {

QString sizeText(uint64_t bytes) {
  if (bytes >= (1ull << 30)) return QObject::tr("%1 GB").arg(static_cast<double>(bytes) / (1ull << 30), 0, 'f', 1);
  if (bytes >= (1ull << 20)) return QObject::tr("%1 MB").arg(static_cast<double>(bytes) / (1ull << 20), 0, 'f', 1);
  return QObject::tr("%1 KB").arg(static_cast<double>(bytes) / 1024.0, 0, 'f', 0);
}

}  // namespace

HubModelsDialog::HubModelsDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Models on This Computer"));
  resize(860, 420);
  auto* layout = new QVBoxLayout(this);
  where_ = new QLabel;
  where_->setTextFormat(Qt::PlainText);
  where_->setWordWrap(true);
  layout->addWidget(where_);
  table_ = new QTableWidget(0, 6);
  table_->setObjectName(QStringLiteral("hubModels"));
  table_->setHorizontalHeaderLabels(
      {tr("Model"), tr("Library"), tr("Architecture"), tr("Size"), tr("Date"), QString()});
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  layout->addWidget(table_, 1);
  showAll_ = new QCheckBox(tr("Also list the models vitlens cannot open, with the reason"));
  layout->addWidget(showAll_);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
  open_ = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
  open_->setEnabled(false);
  layout->addWidget(buttons);
  connect(showAll_, &QCheckBox::toggled, this, &HubModelsDialog::fill);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(open_, &QPushButton::clicked, this, &HubModelsDialog::openSelected);
  connect(table_, &QTableWidget::cellDoubleClicked, this, &HubModelsDialog::openSelected);
  connect(table_, &QTableWidget::itemSelectionChanged, this,
          [this] { open_->setEnabled(!selectedReference().isEmpty()); });
  refresh();
}

void HubModelsDialog::refresh() {
  const std::string cache = hubCacheDir();
  models_ = listCachedModels(cache);
  where_->setText(tr("The Hugging Face cache at %1 (HF_HUB_CACHE, $HF_HOME/hub or ~/.cache/huggingface/hub), where "
                     "timm and transformers keep what they download. vitlens opens ViT and DeiT models with "
                     ".safetensors weights.")
                      .arg(QString::fromStdString(cache)));
  fill();
}

void HubModelsDialog::fill() {
  table_->setRowCount(0);
  for (const CachedModel& m : models_) {
    if (!m.supported && !showAll_->isChecked()) continue;
    const int row = table_->rowCount();
    table_->insertRow(row);
    const QString date = QDateTime::fromSecsSinceEpoch(m.modified).toString(QStringLiteral("yyyy-MM-dd"));
    const QStringList cells{QString::fromStdString(m.reference()),
                            QString::fromStdString(m.library),
                            QString::fromStdString(m.architecture),
                            sizeText(m.bytes),
                            date,
                            m.supported ? QString() : tr("cannot open: %1").arg(QString::fromStdString(m.reason))};
    for (int column = 0; column < cells.size(); ++column) {
      auto* item = new QTableWidgetItem(cells[column]);
      item->setToolTip(QString::fromStdString(m.snapshot));
      if (!m.supported) item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
      item->setData(Qt::UserRole, m.supported ? QString::fromStdString(m.reference()) : QString());
      table_->setItem(row, column, item);
    }
  }
  table_->resizeColumnsToContents();
  if (table_->rowCount() == 0) {
    where_->setText(where_->text() + QLatin1Char('\n') +
                    tr("No ViT there yet: `huggingface-cli download timm/vit_base_patch16_224.augreg2_in21k_ft_in1k` "
                       "(or any timm / transformers ViT) puts one there."));
  }
}

QString HubModelsDialog::selectedReference() const {
  const QList<QTableWidgetItem*> selected = table_->selectedItems();
  return selected.isEmpty() ? QString() : selected.first()->data(Qt::UserRole).toString();
}

void HubModelsDialog::openSelected() {
  const QString reference = selectedReference();
  if (reference.isEmpty()) return;
  Q_EMIT modelChosen(reference);
  accept();
}

}  // namespace vitlens::ui
