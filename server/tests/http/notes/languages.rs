//! Partners read the interview-notes pages in any of the residents' languages: the page, its
//! form, the server's messages and a document's preview are in Vietnamese when Vietnamese is
//! chosen (`lang="vi"`), the staff menu stays a staff page's English, marked so.

use app::models::staff::Role;

use super::fixtures::{METADATA, location, upload};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::staff::helpers::{get, signed_in};

both_backends!(
    the_notes_pages_speak_vietnamese,
    |app: TestApp| async move {
        let (partner, _) = signed_in(&app, Role::Partner).await;
        let (status, html) = get(&app, &partner, "/notes?lang=vi").await;
        assert_eq!(status, 200);
        assert!(html.contains("<html lang=\"vi\""), "{html}");
        assert!(html.contains("<title>Ghi chép phỏng vấn ·"), "{html}");
        assert!(html.contains("<h1>Ghi chép phỏng vấn</h1>"), "{html}");
        assert!(html.contains(">Tải lên và xem trước</button>"), "{html}");
        assert!(html.contains("Chưa tải lên tập tin nào."), "{html}");
        assert!(
            html.contains("<div lang=\"en\" class=\"staff-page\">"),
            "the staff menu is marked as English: {html}"
        );
        assert!(!html.contains("Upload and preview"), "{html}");
        assert!(
            !html.contains("this page is shown in English"),
            "the page is in Vietnamese: no note says otherwise"
        );

        // The language is remembered: the server's message about a missing field is Vietnamese.
        let without_community: Vec<(&str, &str)> = METADATA
            .iter()
            .copied()
            .filter(|(k, _)| *k != "community")
            .collect();
        let response = upload(
            &app,
            &partner,
            "notes.txt",
            b"We talked about the library hours.".to_vec(),
            &without_community,
        )
        .await;
        assert_eq!(location(&response), "/notes");
        let (_, html) = get(&app, &partner, "/notes").await;
        assert!(
            html.contains(
                "Vui lòng điền cộng đồng được phục vụ. Vui lòng chọn lại tập tin: trình duyệt không giữ tập tin sau khi có lỗi."
            ),
            "{html}"
        );

        // An upload's preview: facts and buttons in Vietnamese.
        let response = upload(
            &app,
            &partner,
            "notes.txt",
            b"We talked about the library hours. Call me at 408-555-0142.".to_vec(),
            &METADATA,
        )
        .await;
        let page = location(&response);
        let (_, html) = get(&app, &partner, &page).await;
        assert!(html.contains("<html lang=\"vi\""));
        assert!(html.contains("Kiểm tra trước khi phân tích"), "{html}");
        assert!(html.contains("Đã đọc 1 đoạn văn từ “notes.txt”."), "{html}");
        assert!(html.contains("<dt>Cộng đồng được phục vụ</dt>"), "{html}");
        assert!(html.contains("Xác nhận: đưa vào phân tích"), "{html}");
        assert!(
            html.contains("title=\"Đã xóa: thông tin cá nhân\""),
            "{html}"
        );
    }
);
