<?xml version="1.0" encoding="UTF-8"?>
<!--
  markdown.xsl : the small part of Markdown the encoding manual (schema/ENCODING.md) uses, as
  HTML: headings, paragraphs, bullet and numbered lists (nested items are flattened), pipe
  tables, fenced code blocks; inline code, **bold**, *italic* and [links](url).

  pe:markdown($text, $id-prefix, $top-level): the HTML nodes. A "# " heading becomes
  h{$top-level}, "## " one level deeper, and so on (at most h6); each heading gets the id
  $id-prefix + its text as a slug ("2. Pointers" -> manual-2-pointers).
-->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:pe="https://purges-edition.example/ns"
  exclude-result-prefixes="#all">

  <xsl:function name="pe:markdown" as="node()*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:param name="id-prefix" as="xs:string"/>
    <xsl:param name="top-level" as="xs:integer"/>
    <xsl:analyze-string select="replace($text, '\r\n?', '&#10;')" regex="^```[^\n]*\n(.*?)\n```[ \t]*$" flags="sm">
      <xsl:matching-substring>
        <pre><code><xsl:value-of select="regex-group(1)"/></code></pre>
      </xsl:matching-substring>
      <xsl:non-matching-substring>
        <xsl:for-each select="tokenize(., '\n[ \t]*\n')[normalize-space()]">
          <xsl:sequence select="pe:md-block(replace(., '^\n+|\n+$', ''), $id-prefix, $top-level)"/>
        </xsl:for-each>
      </xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>

  <!-- one block (text between blank lines) -->
  <xsl:function name="pe:md-block" as="node()*">
    <xsl:param name="block" as="xs:string"/>
    <xsl:param name="id-prefix" as="xs:string"/>
    <xsl:param name="top-level" as="xs:integer"/>
    <xsl:variable name="lines" as="xs:string*" select="tokenize($block, '\n')"/>
    <xsl:choose>
      <xsl:when test="matches($lines[1], '^#{1,6} ')">
        <xsl:variable name="hashes" as="xs:string" select="replace($lines[1], '^(#+).*$', '$1')"/>
        <xsl:variable name="title" as="xs:string" select="normalize-space(substring-after($lines[1], ' '))"/>
        <xsl:element name="h{min((6, $top-level + string-length($hashes) - 1))}">
          <xsl:attribute name="id" select="$id-prefix || replace(replace(lower-case($title), '[^a-z0-9]+', '-'), '^-|-$', '')"/>
          <xsl:sequence select="pe:md-inline($title)"/>
        </xsl:element>
        <xsl:if test="count($lines) gt 1">
          <xsl:sequence select="pe:md-block(string-join(subsequence($lines, 2), '&#10;'), $id-prefix, $top-level)"/>
        </xsl:if>
      </xsl:when>
      <xsl:when test="every $l in $lines satisfies starts-with(normalize-space($l), '|')">
        <xsl:variable name="rows" as="xs:string*" select="$lines[not(matches(., '^\s*\|[\s:|-]+\|\s*$'))]"/>
        <div class="table-wrap"><table>
          <thead><tr><xsl:for-each select="pe:md-cells($rows[1])"><th scope="col"><xsl:sequence select="pe:md-inline(.)"/></th></xsl:for-each></tr></thead>
          <tbody><xsl:for-each select="subsequence($rows, 2)">
            <tr><xsl:for-each select="pe:md-cells(.)"><td><xsl:sequence select="pe:md-inline(.)"/></td></xsl:for-each></tr>
          </xsl:for-each></tbody>
        </table></div>
      </xsl:when>
      <xsl:when test="matches($lines[1], '^\s*([-*]|\d+\.) ')">
        <xsl:element name="{if (matches($lines[1], '^\s*\d')) then 'ol' else 'ul'}">
          <xsl:for-each select="tokenize(replace($block, '\n(\s*([-*]|\d+\.) )', '&#xE000;$1'), '&#xE000;')">
            <li><xsl:sequence select="pe:md-inline(normalize-space(replace(., '^\s*([-*]|\d+\.) ', '')))"/></li>
          </xsl:for-each>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:sequence select="pe:md-inline(normalize-space($block))"/></p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>

  <!-- the cells of a pipe-table row -->
  <xsl:function name="pe:md-cells" as="xs:string*">
    <xsl:param name="row" as="xs:string"/>
    <xsl:sequence select="tokenize(replace(normalize-space($row), '^\||\|$', ''), '\|') ! normalize-space(.)"/>
  </xsl:function>

  <!-- inline markup: `code`, **bold**, *italic*, [text](url) -->
  <xsl:function name="pe:md-inline" as="node()*">
    <xsl:param name="text" as="xs:string"/>
    <xsl:analyze-string select="$text" regex="`([^`]+)`|\*\*([^*]+)\*\*|\*([^*\s][^*]*)\*|\[([^\]]+)\]\(([^)\s]+)\)">
      <xsl:matching-substring>
        <xsl:choose>
          <xsl:when test="regex-group(1)"><code><xsl:value-of select="regex-group(1)"/></code></xsl:when>
          <xsl:when test="regex-group(2)"><strong><xsl:sequence select="pe:md-inline(regex-group(2))"/></strong></xsl:when>
          <xsl:when test="regex-group(3)"><em><xsl:sequence select="pe:md-inline(regex-group(3))"/></em></xsl:when>
          <xsl:when test="matches(regex-group(5), '^https?://')"><a href="{regex-group(5)}"><xsl:value-of select="regex-group(4)"/></a></xsl:when>
          <xsl:otherwise><xsl:value-of select="regex-group(4)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:matching-substring>
      <xsl:non-matching-substring><xsl:value-of select="."/></xsl:non-matching-substring>
    </xsl:analyze-string>
  </xsl:function>
</xsl:stylesheet>
