package htmlpage
