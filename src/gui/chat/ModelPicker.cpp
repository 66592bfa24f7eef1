#include "ModelPicker.h"

#include "ModelPickerPopup.h"

ModelPicker::ModelPicker(QWidget *parent) : QToolButton(parent), m_popup(new ModelPickerPopup(this))
{
    setToolButtonStyle(Qt::ToolButtonTextOnly);
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    connect(this, &QToolButton::clicked, this, &ModelPicker::openPopup);
    connect(m_popup, &ModelPickerPopup::modelChosen, this, [this](const QString &model) {
        setCurrentModel(model);
        Q_EMIT modelChosen(model);
    });
    connect(m_popup, &ModelPickerPopup::refreshRequested, this, &ModelPicker::refreshRequested);
    setCurrentModel(QString());
}

void ModelPicker::setModelList(ChatModelListModel *models)
{
    m_popup->setModelList(models);
}

void ModelPicker::setCurrentModel(const QString &model)
{
    m_model = model;
    setText((model.isEmpty() ? tr("Choose a model") : model) + QStringLiteral("  ▾"));
    setToolTip(tr("The model this conversation talks to: click to pick another"));
}

void ModelPicker::setStatus(const QString &text)
{
    m_popup->setStatus(text);
}

void ModelPicker::openPopup()
{
    Q_EMIT refreshRequested();
    m_popup->open(mapToGlobal(QPoint(0, height())), width(), m_model);
}
