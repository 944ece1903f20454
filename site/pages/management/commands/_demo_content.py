"""Texts of the demo site, per language. Field values only; seed_demo decides where they go."""

HOME = {
    "az": {
        "title": "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi — e-xidmətlər",
        "slug": "home",
        "intro": "<p>Sosial müdafiə xidmətlərinə sənəd toplamadan və növbə gözləmədən, "
        "onlayn və ya poçt şöbəsində müraciət edin.</p>",
    },
    "ru": {
        "title": "Министерство труда и социальной защиты населения — э-услуги",
        "slug": "home-ru",
        "intro": "<p>Обращайтесь за услугами социальной защиты онлайн или в почтовом "
        "отделении — без справок и очередей.</p>",
    },
    "en": {
        "title": "Ministry of Labour and Social Protection of Population — e-services",
        "slug": "home-en",
        "intro": "<p>Apply for social-protection services online or at a post office, "
        "with no documents to collect and no queues.</p>",
    },
}

SERVICE_INDEX = {
    "az": {
        "title": "E-xidmətlər",
        "slug": "e-xidmetler",
        "intro": "<p>Nazirliyin elektron xidmətləri.</p>",
    },
    "ru": {
        "title": "Э-услуги",
        "slug": "e-uslugi",
        "intro": "<p>Электронные услуги министерства.</p>",
    },
    "en": {
        "title": "E-services",
        "slug": "e-services",
        "intro": "<p>The ministry's electronic services.</p>",
    },
}

TARGETED_ASSISTANCE = {
    "az": {
        "title": "Ünvanlı dövlət sosial yardımı",
        "slug": "unvanli-dovlet-sosial-yardimi",
        "reference_prefix": "UDSY",
        "search_description": "Orta aylıq gəliri ehtiyac meyarından aşağı olan ailələr üçün.",
        "intro": "<p>Orta aylıq gəliri ehtiyac meyarının ailə üzvlərinin sayına hasilindən "
        "aşağı olan ailələrə ünvanlı dövlət sosial yardımı təyin edilir.</p>",
        "body": [
            ("heading", "Kim müraciət edə bilər"),
            (
                "paragraph",
                "<p>Ailənin əmək qabiliyyətli, yetkinlik yaşına çatmış nümayəndəsi "
                "bütün ailə üzvləri adından müraciət edir. 2026-cı il üçün ehtiyac meyarı "
                "adambaşına 300 manatdır.</p>",
            ),
            ("heading", "Necə müraciət etməli"),
            (
                "paragraph",
                "<p>Ərizə-bəyannaməni onlayn doldurun və ya istənilən poçt "
                "şöbəsinə yaxınlaşın. Sənəd tələb olunmur: məlumatlar dövlət reyestrlərindən "
                "elektron qaydada alınır.</p>",
            ),
            (
                "notice",
                {
                    "heading": "Müddət",
                    "text": "<p>Qərar 15 iş günü ərzində verilir və seçdiyiniz kanalla "
                    "(e-poçt, SMS və ya status səhifəsi) bildirilir.</p>",
                },
            ),
        ],
        "next_steps": "<p>Məlumatlarınız dövlət reyestrləri ilə yoxlanılacaq. Qərar 15 iş günü "
        "ərzində verilir və seçdiyiniz kanalla sizə bildiriləcək.</p>",
    },
    "ru": {
        "title": "Адресная государственная социальная помощь",
        "slug": "adresnaya-socialnaya-pomosch",
        "reference_prefix": "UDSY",
        "search_description": "Для семей со среднемесячным доходом ниже критерия нуждаемости.",
        "intro": "<p>Адресная помощь назначается семьям, чей среднемесячный доход ниже "
        "критерия нуждаемости, умноженного на число членов семьи.</p>",
        "body": [
            ("heading", "Кто может обратиться"),
            (
                "paragraph",
                "<p>Обращается трудоспособный совершеннолетний представитель семьи "
                "от имени всех её членов. Критерий нуждаемости на 2026 год — 300 манатов на "
                "человека.</p>",
            ),
            ("heading", "Как обратиться"),
            (
                "paragraph",
                "<p>Заполните заявление-декларацию онлайн или обратитесь в любое "
                "почтовое отделение. Справки не нужны: данные поступают из государственных "
                "реестров электронно.</p>",
            ),
            (
                "notice",
                {
                    "heading": "Срок",
                    "text": "<p>Решение принимается в течение 15 рабочих дней и "
                    "сообщается выбранным способом (e-mail, SMS или страница "
                    "статуса).</p>",
                },
            ),
        ],
        "next_steps": "<p>Ваши данные будут сверены с государственными реестрами. Решение "
        "принимается в течение 15 рабочих дней и будет сообщено выбранным способом.</p>",
    },
    "en": {
        "title": "Targeted state social assistance",
        "slug": "targeted-social-assistance",
        "reference_prefix": "UDSY",
        "search_description": "For families whose average monthly income is below the need "
        "criterion.",
        "intro": "<p>Targeted assistance is assigned to families whose average monthly income "
        "is below the need criterion times the number of family members.</p>",
        "body": [
            ("heading", "Who may apply"),
            (
                "paragraph",
                "<p>An adult, able-bodied representative applies on behalf of every "
                "member of the family. The need criterion for 2026 is 300 AZN per person.</p>",
            ),
            ("heading", "How to apply"),
            (
                "paragraph",
                "<p>Fill in the declaration online or go to any post office. No "
                "documents are needed: the registries' data is fetched electronically.</p>",
            ),
            (
                "notice",
                {
                    "heading": "Deadline",
                    "text": "<p>The decision is made within 15 working days and sent over "
                    "the channel you choose (email, SMS or the status page).</p>",
                },
            ),
        ],
        "next_steps": "<p>Your details will be checked against the state registries. The "
        "decision is made within 15 working days and sent over the channel you chose.</p>",
    },
}

HOW_TO_APPLY = {
    "az": {
        "title": "Əlaqə",
        "slug": "elaqe",
        "body": [
            (
                "paragraph",
                "<p>Qaynar xətt: 142. Poçt şöbələrinin ünvanları azerpost.az saytındadır.</p>",
            )
        ],
    },
    "ru": {
        "title": "Контакты",
        "slug": "kontakty",
        "body": [
            (
                "paragraph",
                "<p>Горячая линия: 142. Адреса почтовых отделений — на сайте azerpost.az.</p>",
            )
        ],
    },
    "en": {
        "title": "Contact",
        "slug": "contact",
        "body": [("paragraph", "<p>Hotline: 142. Post office addresses are on azerpost.az.</p>")],
    },
}

PRIVACY = {
    "az": {
        "title": "Məxfilik bildirişi",
        "slug": "mexfilik",
        "body": [
            (
                "paragraph",
                "<p>Bəyannamədəki məlumatlar yalnız sosial yardımın təyin edilməsi üçün "
                "istifadə olunur və dövlət reyestrləri ilə qanunla müəyyən edilmiş qaydada "
                "yoxlanılır. Məlumatlarınızı yalnız bu işlə məşğul olan əməkdaşlar görür; hər "
                "baxış qeydə alınır.</p>",
            )
        ],
    },
    "ru": {
        "title": "Уведомление о конфиденциальности",
        "slug": "konfidencialnost",
        "body": [
            (
                "paragraph",
                "<p>Сведения из декларации используются только для назначения социальной "
                "помощи и сверяются с государственными реестрами в установленном законом "
                "порядке. Ваши данные видят только сотрудники, которые ими занимаются; каждый "
                "просмотр записывается.</p>",
            )
        ],
    },
    "en": {
        "title": "Privacy notice",
        "slug": "privacy",
        "body": [
            (
                "paragraph",
                "<p>The information in a declaration is used only to assign social assistance "
                "and is checked against the state registries as the law provides. Only the "
                "staff who work on it see your data, and every view is recorded.</p>",
            )
        ],
    },
}

ACCESSIBILITY = {
    "az": {
        "title": "Əlçatanlıq bəyanatı",
        "slug": "elcatanliq",
        "body": [
            (
                "paragraph",
                "<p>Bu xidmət WCAG 2.2 AA tələblərinə uyğun hazırlanıb: klaviatura ilə tam "
                "istifadə olunur, ekran oxuyucuları ilə yoxlanılıb, yüksək kontrastlı görünüş "
                "var. Çətinlik çəkdinizsə, rəy səhifəsindən bizə yazın və ya 142 qaynar "
                "xəttinə zəng edin.</p>",
            )
        ],
    },
    "ru": {
        "title": "Заявление о доступности",
        "slug": "dostupnost",
        "body": [
            (
                "paragraph",
                "<p>Сервис соответствует требованиям WCAG 2.2 AA: им можно полностью "
                "пользоваться с клавиатуры, он проверен с программами экранного доступа, есть "
                "высококонтрастное оформление. Если что-то неудобно, напишите нам через "
                "страницу отзывов или позвоните на горячую линию 142.</p>",
            )
        ],
    },
    "en": {
        "title": "Accessibility statement",
        "slug": "accessibility",
        "body": [
            (
                "paragraph",
                "<p>This service is built to meet WCAG 2.2 AA: it works fully with a keyboard, "
                "is tested with screen readers, and has a high-contrast look. If anything is "
                "hard to use, tell us on the feedback page or call the 142 hotline.</p>",
            )
        ],
    },
}

FEEDBACK = {
    "az": {
        "title": "Rəy bildirin",
        "slug": "rey-bildirin",
        "intro": "<p>Xidməti necə yaxşılaşdıra biləcəyimizi bizə yazın.</p>",
        "thank_you_text": "<p>Rəyiniz qeydə alındı.</p>",
        "question": "Rəyiniz",
    },
    "ru": {
        "title": "Оставить отзыв",
        "slug": "otzyv",
        "intro": "<p>Напишите, как нам улучшить сервис.</p>",
        "thank_you_text": "<p>Ваш отзыв записан.</p>",
        "question": "Ваш отзыв",
    },
    "en": {
        "title": "Give feedback",
        "slug": "feedback",
        "intro": "<p>Tell us how we could make the service better.</p>",
        "thank_you_text": "<p>Your feedback has been recorded.</p>",
        "question": "Your feedback",
    },
}

STATISTICS = {
    "az": {
        "title": "Statistika",
        "slug": "statistika",
        "intro": "<p>Müraciətlərin və qərarların sayı, hər gün və hər kanal üzrə.</p>",
    },
    "ru": {
        "title": "Статистика",
        "slug": "statistika-ru",
        "intro": "<p>Число заявлений и решений по дням и каналам.</p>",
    },
    "en": {
        "title": "Statistics",
        "slug": "statistics",
        "intro": "<p>How many applications arrived and were decided, per day and channel.</p>",
    },
}
