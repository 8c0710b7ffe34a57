const end = '</script>';
